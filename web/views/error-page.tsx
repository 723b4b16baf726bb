import type { FC } from 'hono/jsx';
import { Layout, type PageContext } from './layout.js';

export const ErrorPage: FC<{ page: PageContext; message: string }> = ({ page, message }) => (
  <Layout page={page} title={page.t('error.title')}>
    <section class="card narrow">
      <h1>{page.t('error.title')}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{page.t('error.back')}</a>
      </p>
    </section>
  </Layout>
);
