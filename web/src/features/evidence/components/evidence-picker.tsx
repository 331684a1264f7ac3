import { EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES } from '@tiendo/shared/schemas/evidence';
import { useId, useRef, useState } from 'react';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/use-t';

const ACCEPT = EVIDENCE_EXTENSIONS.map((extension) => `.${extension}`).join(',');

/** Checks what the browser can check before sending (the server checks the content itself). */
export function checkEvidenceFile(file: File): 'tooLarge' | 'wrongType' | 'empty' | null {
  if (file.size === 0) return 'empty';
  if (file.size > EVIDENCE_MAX_BYTES) return 'tooLarge';
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (!(EVIDENCE_EXTENSIONS as readonly string[]).includes(extension)) return 'wrongType';
  return null;
}

interface EvidencePickerProps {
  onPick: (file: File) => void;
  busy?: boolean;
  disabled?: boolean;
}

/** Choose a file to attach: PDF, images and Office documents of up to 20 MiB. */
export function EvidencePicker({ onPick, busy = false, disabled = false }: EvidencePickerProps) {
  const t = useT();
  const format = useFormat();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="field evidence-picker">
      <label htmlFor={id}>{t('evidence.choose')}</label>
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept={ACCEPT}
        disabled={disabled || busy}
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          const check = checkEvidenceFile(file);
          if (check) {
            setProblem(
              check === 'tooLarge'
                ? t('evidence.tooLarge', { size: format.bytes(file.size), max: format.bytes(EVIDENCE_MAX_BYTES) })
                : check === 'empty'
                  ? t('evidence.empty')
                  : t('evidence.wrongType'),
            );
          } else {
            setProblem(null);
            onPick(file);
          }
          // The same file can be chosen again after a failure.
          if (inputRef.current) inputRef.current.value = '';
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {busy ? t('evidence.uploading') : t('evidence.hint', { max: format.bytes(EVIDENCE_MAX_BYTES) })}
      </p>
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
