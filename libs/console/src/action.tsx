import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { fieldErrorsIn, messageOf } from './api.js';
import { useI18n } from './i18n.js';
import { newIdempotencyKey } from './session.js';

export type Answer = { data?: unknown; error?: unknown; response: Response };

/**
 * A small form's submit: one Idempotency-Key per attempt, the API's field
 * errors put at the fields of those names, the case's data read again after.
 */
export function useAction<T extends FieldValues>(
  form: UseFormReturn<T>,
  send: (values: T, key: string) => Promise<Answer>,
  refresh: () => void,
) {
  const { t, dict } = useI18n();
  const key = useRef<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const mutation = useMutation({
    mutationFn: async (values: T) => {
      key.current ??= newIdempotencyKey();
      return send(values, key.current);
    },
    onSuccess: ({ error, response }) => {
      key.current = null;
      if (response.ok) {
        setMessage({ ok: true, text: t('done') });
        form.reset();
        refresh();
        return;
      }
      const fields = response.status === 400 ? fieldErrorsIn(error, dict) : null;
      if (fields) {
        for (const [path, message] of Object.entries(fields)) form.setError(path as Path<T>, { type: 'api', message });
      }
      setMessage({ ok: false, text: fields ? t('notSaved', { n: Object.keys(fields).length }) : messageOf(error) });
    },
    onError: (err) => {
      key.current = null;
      setMessage({ ok: false, text: messageOf(err) });
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    if (mutation.isPending) return;
    setMessage(null);
    mutation.mutate(values);
  });
  const status = message ? (
    <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice' : 'error'}>
      {message.text}
    </p>
  ) : null;
  return { onSubmit, pending: mutation.isPending, status };
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
