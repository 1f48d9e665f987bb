/**
 * Settings → Sync (issue 8 item 2): the signalling servers team workspaces meet at, and
 * optional STUN servers. Latitude never uses y-webrtc's public default servers: without an
 * address here (or a hosted server, or one from an invite), nothing connects.
 */
import { describeError } from '@shared/errors';
import { parseSignallingUrl } from '@shared/invite';
import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { parseStunUrl } from './sync-storage';
import { useSyncServices } from './sync-services';

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Checks every line; the first problem, or the parsed URLs. */
function parseLines(
  text: string,
  parse: (line: string) => { ok: true; url: string } | { ok: false; reason: string },
): { ok: true; urls: string[] } | { ok: false; reason: string } {
  const urls: string[] = [];
  for (const line of lines(text)) {
    const parsed = parse(line);
    if (!parsed.ok) return parsed;
    urls.push(parsed.url);
  }
  return { ok: true, urls };
}

/** The Sync card of the settings screen. */
export function SignallingSettingsCard() {
  const { storage } = useSyncServices();
  const [signalling, setSignalling] = useState<string | null>(null);
  const [stun, setStun] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ signalling: string | null; stun: string | null; save: string | null }>({
    signalling: null,
    stun: null,
    save: null,
  });
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([storage.readSignallingUrls(), storage.readStunUrls()]).then(
      ([urls, stunUrls]) => {
        if (!live) return;
        setSignalling((current) => current ?? urls.join('\n'));
        setStun((current) => current ?? stunUrls.join('\n'));
      },
      (reason: unknown) => live && setErrors((e) => ({ ...e, save: `Could not read them: ${describeError(reason)}` })),
    );
    return () => {
      live = false;
    };
  }, [storage]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsedSignalling = parseLines(signalling ?? '', parseSignallingUrl);
    const parsedStun = parseLines(stun ?? '', parseStunUrl);
    setErrors({
      signalling: parsedSignalling.ok ? null : parsedSignalling.reason,
      stun: parsedStun.ok ? null : parsedStun.reason,
      save: null,
    });
    if (!parsedSignalling.ok || !parsedStun.ok) return;
    Promise.all([storage.writeSignallingUrls(parsedSignalling.urls), storage.writeStunUrls(parsedStun.urls)]).then(
      () => {
        setSignalling(parsedSignalling.urls.join('\n'));
        setStun(parsedStun.urls.join('\n'));
        setSaved(true);
      },
      (reason: unknown) => setErrors((e) => ({ ...e, save: describeError(reason) })),
    );
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="sync-heading">
      <form onSubmit={submit} noValidate aria-labelledby="sync-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="sync-heading">
            Sync
          </Title>
          <Text size="sm" id="sync-help">
            Team workspaces sync directly between devices. Devices find each other through a signalling server: one a
            teammate hosts from the desktop app&apos;s Sync panel, or any y-webrtc signalling server you trust. Only
            these are used; nothing is sent to public servers.
          </Text>
          <Textarea
            label="Signalling servers"
            description="One per line, starting with ws:// or wss://, for example ws://192.168.1.20:4444."
            autosize
            minRows={2}
            value={signalling ?? ''}
            disabled={signalling === null}
            onChange={(event) => {
              setSignalling(event.currentTarget.value);
              setSaved(false);
            }}
            error={errors.signalling}
          />
          <Textarea
            label="STUN servers (optional)"
            description="Only for devices on different networks. One per line, for example stun:stun.example.org:3478."
            autosize
            minRows={1}
            value={stun ?? ''}
            disabled={stun === null}
            onChange={(event) => {
              setStun(event.currentTarget.value);
              setSaved(false);
            }}
            error={errors.stun}
          />
          <Group>
            <Button type="submit" disabled={signalling === null}>
              Save sync settings
            </Button>
            <Text size="sm" role="status" c={errors.save ? 'red' : undefined}>
              {errors.save ?? (saved ? 'Saved. Team workspaces reconnect with these servers.' : null)}
            </Text>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
