import { describe, expect, it } from 'vitest';
import { ipcContract } from '@shared/ipc/contract';
import { createAppHandlers } from './app';

describe('app:getInfo', () => {
  it('reports the application facts in the shape the contract promises', async () => {
    const handlers = createAppHandlers({
      getName: () => 'Latitude',
      getVersion: () => '0.1.0',
      platform: 'darwin',
      electronVersion: '45.4.1',
      getUserDataPath: () => '/Users/someone/Library/Application Support/Latitude',
    });
    const info = await handlers['app:getInfo'](undefined);
    expect(info).toEqual({
      name: 'Latitude',
      version: '0.1.0',
      platform: 'darwin',
      electron: '45.4.1',
      userDataPath: '/Users/someone/Library/Application Support/Latitude',
    });
    expect(ipcContract['app:getInfo'].result.safeParse(info).success).toBe(true);
  });
});
