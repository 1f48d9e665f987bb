/**
 * The dialogs of sharing a team workspace (issue 8 items 1 and 6): Invite (a link to copy
 * and its QR code), Join (paste a link), and Change invite secret (re-key).
 */
import { describeError } from '@shared/errors';
import { decodeInvite, encodeInvite, MAX_INVITE_SIGNALLING_URLS, type Invite } from '@shared/invite';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { Alert, Button, Code, Group, Image, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useWorkspaces } from '../workspaces/workspace-store';
import { joinWorkspace } from './join-workspace';
import { useSyncServices, useSyncState } from './sync-services';
import { ErrorAlert } from '../components/form-parts';

/** The QR code of `text` as an SVG data URL (drawn here, no network; allowed by the CSP's img-src data:). */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * The signalling servers an invite names: this device's own server's network addresses
 * while it hosts, then the configured ones.
 */
export function inviteSignallingUrls(hostAddresses: readonly string[], configured: readonly string[]): string[] {
  return [...new Set([...hostAddresses, ...configured])].slice(0, MAX_INVITE_SIGNALLING_URLS);
}

/** Shows the invite of a team workspace: link, copy button, QR code. */
export function InviteDialog({
  workspace,
  hostAddresses,
  opened,
  onClose,
}: {
  workspace: WorkspaceMeta;
  /** Where others reach this device's signalling server, while it hosts one. */
  hostAddresses: readonly string[];
  opened: boolean;
  onClose: () => void;
}) {
  const { storage } = useSyncServices();
  const [invite, setInvite] = useState<{ link: string; urls: string[]; relayUrl: string | null } | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!opened) return;
    let live = true;
    void (async () => {
      try {
        const [secret, configured, relayUrl] = await Promise.all([
          storage.getInviteSecret(workspace.id),
          storage.readSignallingUrls(),
          storage.getRelayUrl(workspace.id),
        ]);
        if (secret === null) throw new Error('This device has no invite secret for this workspace.');
        const urls = inviteSignallingUrls(hostAddresses, configured);
        const link = encodeInvite({
          workspaceId: workspace.id,
          secret,
          workspaceName: workspace.name,
          signallingUrls: urls,
          relayUrl,
        });
        const image = await qrCodeDataUrl(link);
        if (!live) return;
        setInvite({ link, urls, relayUrl });
        setQr(image);
        setError(null);
      } catch (reason) {
        if (live) setError(`The invite could not be made: ${describeError(reason)}`);
      }
    })();
    return () => {
      live = false;
    };
  }, [opened, storage, workspace, hostAddresses]);

  const copy = () => {
    if (!invite) return;
    if (!('clipboard' in navigator)) {
      setError('Copying is not available here: select the link and copy it yourself.');
      return;
    }
    navigator.clipboard.writeText(invite.link).then(
      () => setCopied(true),
      () => setError('Copying was refused: select the link and copy it yourself.'),
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Invite to “${workspace.name}”`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="sm">
        <Text size="sm">
          Send this link to the people who should work in this workspace, or let them scan the QR code. Anyone with it
          can join and read everything here: share it like a key.
        </Text>
        <ErrorAlert error={error} />
        {invite ? (
          <>
            <Textarea
              label="Invite link"
              readOnly
              autosize
              minRows={2}
              value={invite.link}
              onFocus={(e) => e.currentTarget.select()}
            />
            <Group>
              <Button onClick={copy}>Copy link</Button>
              <Text size="sm" role="status">
                {copied ? 'Copied.' : null}
              </Text>
            </Group>
            {qr ? <Image src={qr} alt="QR code of the invite link" w={220} h={220} /> : null}
            {invite.urls.length > 0 ? (
              <div>
                <Text size="sm">They will meet you through:</Text>
                <List size="sm">
                  {invite.urls.map((url) => (
                    <List.Item key={url}>
                      <Code>{url}</Code>
                    </List.Item>
                  ))}
                </List>
              </div>
            ) : invite.relayUrl === null ? (
              <Alert color="yellow" title="No signalling server">
                This invite names no signalling server. Host one from the Sync panel (desktop app) or add one in
                Settings → Sync first, or the person joining must add one themselves.
              </Alert>
            ) : null}
            {invite.relayUrl !== null ? (
              <Text size="sm">
                And through the workspace’s relay <Code>{invite.relayUrl}</Code>.
              </Text>
            ) : null}
          </>
        ) : null}
      </Stack>
    </Modal>
  );
}

/** Paste an invite link, see what it is, join. */
export function JoinDialog({
  opened,
  onClose,
  onJoined,
}: {
  opened: boolean;
  onClose: () => void;
  onJoined?: (workspace: WorkspaceMeta) => void;
}) {
  const { storage, now } = useSyncServices();
  const workspaces = useWorkspaces((state) => state.workspaces);
  const adopt = useWorkspaces((state) => state.adopt);
  const select = useWorkspaces((state) => state.select);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decoded = text.trim() === '' ? null : decodeInvite(text);
  const invite: Invite | null = decoded?.ok ? decoded.invite : null;
  const existing = invite ? workspaces.find((workspace) => workspace.id === invite.workspaceId) : undefined;

  const close = () => {
    setText('');
    setError(null);
    onClose();
  };

  const join = () => {
    if (!invite) return;
    setBusy(true);
    joinWorkspace(invite, { workspaces, adopt, select, storage, now }).then(
      (workspace) => {
        setBusy(false);
        close();
        onJoined?.(workspace);
      },
      (reason: unknown) => {
        setBusy(false);
        setError(describeError(reason));
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="Join a team workspace" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <Textarea
          label="Invite link"
          description="Paste the latitude://join link you were sent."
          autosize
          minRows={3}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(null);
          }}
          error={decoded && !decoded.ok ? decoded.message : null}
        />
        {invite ? (
          <Text size="sm" role="status">
            {existing
              ? `“${existing.name}” is already on this device: joining again takes this invite's secret and servers.`
              : `You will join “${invite.workspaceName ?? 'a team workspace'}”${
                  invite.signallingUrls.length > 0 ? ` through ${invite.signallingUrls.join(', ')}` : ''
                }. Its content arrives from a teammate once you are connected.`}
          </Text>
        ) : null}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button onClick={join} disabled={!invite} loading={busy}>
            Join
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Confirms and stores a new invite secret for a workspace (removing someone). */
export function ChangeSecretDialog({
  workspace,
  opened,
  onClose,
  onChanged,
}: {
  workspace: WorkspaceMeta;
  opened: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { storage, newSecret } = useSyncServices();
  const [error, setError] = useState<string | null>(null);
  const connected = useSyncState((state) => state.snapshot.connectedPeers);
  const change = () => {
    storage.setInviteSecret(workspace.id, newSecret()).then(
      () => {
        setError(null);
        onChanged();
      },
      (reason: unknown) => setError(describeError(reason)),
    );
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Change the invite secret"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="sm">
        <Text size="sm">
          To remove someone from “{workspace.name}”, change its secret and send the new invite to the people who stay.
          Every older invite stops working: devices with the old secret can no longer find or sync with this one
          {connected > 0 ? ` (the ${connected} connected now are disconnected)` : ''}. What they already have stays on
          their devices.
        </Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={change}>
            Change secret
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
