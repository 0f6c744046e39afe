import type { FieldErrors } from '#shared/problem.ts';
import { html, type SafeHtml } from '../html.ts';

/** A page that explains a failure: what went wrong, and the invalid fields if any. */
export function messagePage(
  title: string,
  detail: string,
  fieldErrors?: FieldErrors,
): { title: string; main: SafeHtml } {
  const fields = Object.entries(fieldErrors ?? {});
  return {
    title,
    main: html`
<h1>${title}</h1>
<p>${detail}</p>
${
  fields.length > 0
    ? html`<ul class="field-errors">${fields.map(
        ([field, error]) => html`<li><code>${field}</code> ${error.message}</li>`,
      )}</ul>`
    : ''
}
<p><a href="/">Back to the start</a></p>
`,
  };
}
