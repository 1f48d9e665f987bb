/**
 * Taking the dashboard out of the app (issue 6, "Export of the metrics of a period as CSV
 * and of the dashboard as an image or PDF"):
 *
 * - "Export CSV" saves the figures shown (one period, one scope) as a CSV file through the
 *   platform, as backups are saved: a save dialog in the desktop app, a download in a
 *   browser (`Platform.saveFile`). The text is `metricsToCsv`'s, with the values worded as
 *   the cards word them, preceded by a UTF-8 byte order mark so spreadsheet programs that
 *   guess the encoding (Excel) read accents and other scripts right.
 * - "Print or save as PDF" opens the print dialog (`window.print()`); the print style sheet
 *   (`@media print` in app/global.css) leaves out the navigation, header, controls and
 *   buttons, keeps each card whole on a page and keeps the charts. Browsers offer "Save as
 *   PDF" as a printer, and so does Electron's print dialog (the system's, where macOS has a
 *   PDF button, Windows "Microsoft Print to PDF" and Linux "Print to File"), which is how
 *   the dashboard becomes a PDF without a PDF library.
 */
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FileSpreadsheet, Printer } from 'lucide-react';
import { useState } from 'react';
import { describeError } from '@shared/errors';
import { metricsCsvFileName, metricsToCsv, type MetricsTrendResult } from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import { usePlatform } from '../../platform';
import { formatValue } from './figure-text';

const csvFilter = { name: 'CSV file', extensions: ['csv'] };
const byteOrderMark = '\uFEFF';

/** "Whole workspace", "Sales", "Sales and its sub-domains": whose figures a result holds. */
export function scopeWords(
  scope: { domainId: string | null; includeSubdomains: boolean },
  domains: ReadonlyMap<string, Entity<'domains'>>,
): string {
  if (scope.domainId === null) return 'Whole workspace';
  const name = domains.get(scope.domainId)?.name ?? 'Unknown domain';
  return scope.includeSubdomains ? `${name} and its sub-domains` : name;
}

/** The CSV file of the current period of `trend`: its name and bytes. */
export function metricsCsvFile(
  trend: MetricsTrendResult,
  domains: ReadonlyMap<string, Entity<'domains'>>,
): { fileName: string; data: Uint8Array<ArrayBuffer> } | null {
  const result = trend.periods[trend.periods.length - 1];
  if (result === undefined) return null;
  const text = metricsToCsv(result, {
    scope: scopeWords(result.scope, domains),
    trends: trend.trends,
    domainName: (id) => domains.get(id)?.name ?? 'Unknown domain',
    formatValue,
  });
  const fileName = metricsCsvFileName(result.period, {
    domainName: result.scope.domainId === null ? null : (domains.get(result.scope.domainId)?.name ?? ''),
    includeSubdomains: result.scope.includeSubdomains,
  });
  return { fileName, data: new TextEncoder().encode(`${byteOrderMark}${text}`) };
}

/** "Export CSV" and "Print or save as PDF" for the figures shown; disabled until there are figures. */
export function ExportButtons({
  trend,
  domains,
}: {
  trend: MetricsTrendResult | null;
  domains: ReadonlyMap<string, Entity<'domains'>>;
}) {
  const platform = usePlatform();
  const [saving, setSaving] = useState(false);

  const exportCsv = async () => {
    if (trend === null) return;
    setSaving(true);
    try {
      const file = metricsCsvFile(trend, domains);
      if (file === null) return;
      const result = await platform.saveFile({
        title: 'Export the metrics as CSV',
        suggestedName: file.fileName,
        filters: [csvFilter],
        data: file.data,
      });
      if (result.status === 'saved') {
        notifications.show({ title: 'Metrics exported', message: `The figures were saved as ${result.fileName}.` });
      }
    } catch (error) {
      notifications.show({ color: 'red', title: 'The metrics could not be exported', message: describeError(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button
        variant="default"
        leftSection={<FileSpreadsheet size={16} aria-hidden />}
        disabled={trend === null}
        loading={saving}
        onClick={() => void exportCsv()}
      >
        Export CSV
      </Button>
      <Button
        variant="default"
        leftSection={<Printer size={16} aria-hidden />}
        disabled={trend === null}
        onClick={() => window.print()}
      >
        Print or save as PDF
      </Button>
    </>
  );
}
