import { html, raw } from 'hono/html';

interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, { summary?: string; description?: string; responses?: Record<string, { description?: string }> }> | undefined>;
}

/** A readable page made from the OpenAPI document itself, so the docs cannot drift from the API. */
export function apiDocsPage(doc: OpenApiDoc) {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods ?? {}).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${doc.info.title}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <main id="main">
          <h1>${doc.info.title} <small>${doc.info.version}</small></h1>
          <p>${doc.info.description ?? ''}</p>
          <p><a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1)</p>
          ${raw(
            operations
              .map(
                ({ path, method, op }) =>
                  `<section class="card"><h2><code>${method} /api/v1${escape(path)}</code></h2><p>${escape(op.summary ?? '')}</p>${op.description ? `<p>${escape(op.description)}</p>` : ''}<ul>${Object.entries(op.responses ?? {})
                    .map(([status, r]) => `<li><code>${escape(status)}</code> ${escape(r.description ?? '')}</li>`)
                    .join('')}</ul></section>`,
              )
              .join(''),
          )}
        </main>
      </body>
    </html>`;
}

function escape(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}
