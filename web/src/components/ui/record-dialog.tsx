import { useT } from '../../i18n/use-t';
import { Dialog } from './dialog';
import { RecordForm, type FieldSpec, type RecordValues } from './record-form';

interface RecordDialogProps<T> {
  /** The record being edited, 'new' while creating one, null while closed. */
  editing: T | 'new' | null;
  /** Called with null to close, and with the fresh record after a reload. */
  setEditing: (editing: T | null) => void;
  /** The dialog's title when creating. */
  newTitle: string;
  /** The dialog's title when editing (called with null while closed). */
  editTitle: (record: T | null) => string;
  /** What identifies a record, to start a fresh form for each. */
  keyOf: (record: T) => string | number;
  /** The form's values for a record, or the defaults of a new one. */
  valuesOf: (record: T | null) => RecordValues;
  /** Fetches the record as it is now, after a version conflict. */
  reload: (record: T) => Promise<T>;
  fields: FieldSpec[];
  submitLabel: string;
  onSubmit: (values: RecordValues, options: { overrideVersion: number | null }) => Promise<void>;
}

/** The wide dialog with the create/edit form of an administration page, able to reload the record after a conflict. */
export function RecordDialog<T>({ editing, setEditing, newTitle, editTitle, keyOf, valuesOf, reload, fields, submitLabel, onSubmit }: RecordDialogProps<T>) {
  const record = editing === 'new' ? null : editing;
  return (
    <Dialog open={editing !== null} title={editing === 'new' ? newTitle : editTitle(record)} onClose={() => setEditing(null)} wide>
      <RecordForm
        key={editing === 'new' ? 'new' : record === null ? undefined : keyOf(record)}
        fields={fields}
        initial={valuesOf(record)}
        mode={editing === 'new' ? 'create' : 'edit'}
        submitLabel={submitLabel}
        onSubmit={onSubmit}
        onReload={
          record !== null
            ? async () => {
                const fresh = await reload(record);
                setEditing(fresh);
                return valuesOf(fresh);
              }
            : undefined
        }
        onCancel={() => setEditing(null)}
      />
    </Dialog>
  );
}

/** The actions cell of a record's row on an administration page: its edit button, named for screen readers by `name`. */
export function EditCell({ name, onEdit }: { name: string; onEdit: () => void }) {
  const t = useT();
  return (
    <td data-label={t('admin.actions')}>
      <button type="button" className="button button-secondary button-small" onClick={onEdit}>
        {t('admin.edit')}
        <span className="visually-hidden"> {name}</span>
      </button>
    </td>
  );
}
