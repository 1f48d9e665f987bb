/**
 * Taking the dashboard out of the app (issue 6, "Export of the metrics of a period as CSV
 * and of the dashboard as an image or PDF"):
 *
 * - "Export CSV" saves the figures shown (one period, one scope) as a CSV file through the
 *   platform, as backups are saved: a save dialog in the desktop app, a download in a
 *   browser (`Platform.saveFile`). The text is `metricsToCsv`'s, with the values worded as
 *   the cards word them, preceded by a UTF-8 byte order mark so spreadsheet programs that
 *   guess the encoding (Excel) read accents and other scripts right.
 * - In the desktop app, "Save as PDF…" saves the dashboard as a PDF in one step
 *   (`Platform.savePdf`: Electron's print-to-PDF, then a save dialog), offering "Metrics
 *   <period>.pdf" (with the scope unless it is the whole workspace), and "Print…" opens the
 *   print dialog. In a browser, which cannot print a page to a file itself, one "Print or
 *   save as PDF" button opens the print dialog, whose "Save as PDF" printer makes the PDF.
 *   Either way the print style sheet (`@media print` in app/global.css) lays the page out:
 *   it leaves out the navigation, header, controls and buttons, keeps each card whole on a
 *   page and keeps the charts, so no PDF library is needed.
 */
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FileSpreadsheet, FileText, Printer } from 'lucide-react';
import { useState } from 'react';
import { describeError } from '@shared/errors';
import { metricsCsvFileName, metricsToCsv, type MetricsTrendResult } from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import { usePlatform } from '../../platform';
import { pdfFileName } from '../../platform/pdf-file-name';
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

/**
 * The PDF's name for the current period of `trend`: "Metrics January 2026.pdf", with the
 * scope after a comma unless it is the whole workspace.
 */
function metricsPdfFileName(trend: MetricsTrendResult, domains: ReadonlyMap<string, Entity<'domains'>>): string | null {
  const result = trend.periods[trend.periods.length - 1];
  if (result === undefined) return null;
  const scope = result.scope.domainId === null ? '' : `, ${scopeWords(result.scope, domains)}`;
  return pdfFileName(`Metrics ${result.period.label}${scope}`);
}

/**
 * "Export CSV" and the PDF buttons for the figures shown (see the module comment);
 * disabled until there are figures.
 */
export function ExportButtons({
  trend,
  domains,
}: {
  trend: MetricsTrendResult | null;
  domains: ReadonlyMap<string, Entity<'domains'>>;
}) {
  const platform = usePlatform();
  const [saving, setSaving] = useState(false);
  const [savingPdf, setSavingPdf] = useState(false);
  const { savePdf } = platform;

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

  const saveAsPdf = async () => {
    if (trend === null || savePdf === null) return;
    const suggestedName = metricsPdfFileName(trend, domains);
    if (suggestedName === null) return;
    setSavingPdf(true);
    try {
      const result = await savePdf({ title: 'Save the dashboard as PDF', suggestedName });
      if (result.status === 'saved') {
        notifications.show({ title: 'Dashboard saved', message: `The dashboard was saved as ${result.fileName}.` });
      }
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'The dashboard could not be saved as PDF',
        message: describeError(error),
      });
    } finally {
      setSavingPdf(false);
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
      {savePdf === null ? (
        <Button
          variant="default"
          leftSection={<Printer size={16} aria-hidden />}
          disabled={trend === null}
          onClick={() => window.print()}
        >
          Print or save as PDF
        </Button>
      ) : (
        <>
          <Button
            variant="default"
            leftSection={<FileText size={16} aria-hidden />}
            disabled={trend === null}
            loading={savingPdf}
            onClick={() => void saveAsPdf()}
          >
            Save as PDF…
          </Button>
          <Button
            variant="default"
            leftSection={<Printer size={16} aria-hidden />}
            disabled={trend === null}
            onClick={() => window.print()}
          >
            Print…
          </Button>
        </>
      )}
    </>
  );
}
