import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { html } from 'hono/html';

const require = createRequire(import.meta.url);
const dist = (file: string) => readFileSync(require.resolve(`swagger-ui-dist/${file}`));

/**
 * The API reference is Swagger UI (swagger-ui-dist, served from node_modules, no CDN): it renders the whole served
 * document, with parameters, schemas, examples and the security schemes. It runs under the app's CSP as it is: no
 * inline script or style; it is started by a separate file served here, and reads the document's address from a
 * data attribute.
 */
export const DOCS_ASSETS: Record<string, { body: Buffer; type: string }> = {
  'swagger-ui.css': { body: dist('swagger-ui.css'), type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { body: dist('swagger-ui-bundle.js'), type: 'text/javascript; charset=utf-8' },
  'docs.js': {
    body: Buffer.from(
      `"use strict";
window.addEventListener('DOMContentLoaded', function () {
  var root = document.getElementById('api-reference');
  window.SwaggerUIBundle({ url: root.dataset.url, domNode: root, deepLinking: true, defaultModelsExpandDepth: 1, defaultModelExpandDepth: 2, docExpansion: 'list', showExtensions: true, showCommonExtensions: true, tryItOutEnabled: false, supportedSubmitMethods: [] });
});
`,
    ),
    type: 'text/javascript; charset=utf-8',
  },
};

export function apiDocsPage(title: string) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/api/v1/docs/assets/swagger-ui.css" />
      </head>
      <body>
        <main id="api-reference" data-url="/api/v1/openapi.json"></main>
        <script src="/api/v1/docs/assets/swagger-ui-bundle.js"></script>
        <script src="/api/v1/docs/assets/docs.js"></script>
      </body>
    </html>`;
}
