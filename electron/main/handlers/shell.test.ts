import { describe, expect, it, vi } from 'vitest';
import { createShellHandlers } from './shell';

function setup() {
  const openExternal = vi.fn(async (_url: string) => undefined);
  return { handlers: createShellHandlers({ openExternal }), openExternal };
}

describe('shell:openExternal', () => {
  it('opens a safe web link, normalised, in the system browser', async () => {
    const { handlers, openExternal } = setup();
    await expect(handlers['shell:openExternal']({ url: 'HTTPS://Example.com/guide' })).resolves.toEqual({
      opened: true,
    });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/guide');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'mailto:a@example.com',
    'smb://host/share',
    'https://user:pw@example.com/',
    '/relative',
  ])('does not open %s', async (url) => {
    const { handlers, openExternal } = setup();
    await expect(handlers['shell:openExternal']({ url })).resolves.toEqual({ opened: false });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('lets a failure of the operating system surface as an error', async () => {
    const { handlers, openExternal } = setup();
    openExternal.mockRejectedValueOnce(new Error('No application is registered for this link'));
    await expect(handlers['shell:openExternal']({ url: 'https://example.com/' })).rejects.toThrow(
      'No application is registered',
    );
  });
});
