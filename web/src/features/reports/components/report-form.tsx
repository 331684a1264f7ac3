import type { CreateReportBody } from '@tiendo/shared/schemas/reports';
import { RecordForm, type FieldSpec, type RecordValues } from '../../../components/ui/record-form';
import { useT } from '../../../i18n/use-t';
import { reportBody } from '../report-values';

interface ReportFormProps {
  mode: 'create' | 'edit';
  initial: RecordValues;
  /** The units a report may be made for (create only). */
  units: { code: string; label: string }[];
  /** Saves; a thrown ApiError is shown with the form as typed (field errors at their fields). */
  onSubmit: (body: CreateReportBody, options: { overrideVersion: number | null }) => Promise<void>;
  /** After a version conflict: the report as saved now. */
  onReload?: () => Promise<RecordValues>;
  onCancel: () => void;
}

/**
 * The settings of a periodic report: what is printed in its header, title, signature block and
 * recipients. The numbers themselves come from the data, never from this form.
 */
export function ReportForm({ mode, initial, units, onSubmit, onReload, onCancel }: ReportFormProps) {
  const t = useT();
  const fields: FieldSpec[] = [
    { name: 'unitCode', label: t('reports.unit'), kind: 'select', required: true, createOnly: true, options: units.map((unit) => ({ value: unit.code, label: unit.label })) },
    { name: 'period', label: t('reports.period'), required: true, hint: t('reports.periodHint') },
    { name: 'number', label: t('reports.number'), required: true, hint: t('reports.numberHint') },
    { name: 'issuedOn', label: t('reports.issuedOn'), kind: 'date', required: true },
    { name: 'place', label: t('reports.place'), required: true, hint: t('reports.placeHint') },
    { name: 'signerName', label: t('reports.signerName'), required: true, autoComplete: 'name' },
    { name: 'issuingBody', label: t('reports.issuingBody'), kind: 'textarea', required: true, hint: t('reports.issuingBodyHint') },
    { name: 'title', label: t('reports.titleField'), kind: 'textarea', hint: t('reports.titleHint') },
    { name: 'signerTitle', label: t('reports.signerTitle'), kind: 'textarea', required: true, hint: t('reports.signerTitleHint') },
    { name: 'recipients', label: t('reports.recipients'), kind: 'textarea', required: true, hint: t('reports.recipientsHint') },
  ];
  return (
    <RecordForm
      fields={fields}
      initial={initial}
      mode={mode}
      submitLabel={mode === 'create' ? t('reports.create') : t('admin.save')}
      onSubmit={(values, options) => onSubmit(reportBody(values), options)}
      {...(onReload ? { onReload } : {})}
      onCancel={onCancel}
    />
  );
}
