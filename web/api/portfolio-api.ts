import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SERVICE_STATUSES, type HostedService, type RegisteredDomain } from '../../domain/services/hosted-service.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { accountParams, client, clientActor, json, page, pagingOf, pathIds, syncQuery, timestamp, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const common = { ...client, tags: ['services'] };
const serviceParams = pathIds('accountId', 'serviceId');
const domainParams = pathIds('accountId', 'domainId');

const ServiceSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['hosting', 'mailbox', 'ssl']),
    productCode: z.string(),
    name: z.string(),
    domainName: z.string(),
    status: z.enum(SERVICE_STATUSES),
    periodMonths: z.number().int(),
    activatedAt: timestamp(),
    expiresAt: timestamp(),
    updatedAt: timestamp(),
    hasAccessData: z.boolean(),
  })
  .openapi('Service');
const ServiceDetailSchema = ServiceSchema.extend({ mayRevealAccessData: z.boolean().openapi({ description: 'Whether this caller may reveal the access data (credentials right)' }) }).openapi('ServiceDetail');
const AccessDataSchema = z.object({ username: z.string(), password: z.string(), host: z.string() }).openapi('AccessData', { description: 'The initial access data of a service; every reveal is in the audit log' });
const DomainSchema = z
  .object({ id: z.uuid(), name: z.string().openapi({ example: 'demo-firma.hr' }), status: z.enum(SERVICE_STATUSES), periodMonths: z.number().int(), registeredAt: timestamp(), expiresAt: timestamp(), updatedAt: timestamp(), nameservers: z.array(z.string()) })
  .openapi('Domain');
const DomainDetailSchema = DomainSchema.extend({ mayManage: z.boolean().openapi({ description: 'Whether this caller may change the nameservers (domains.manage right)' }) }).openapi('DomainDetail');

const serviceJson = (s: HostedService) => ({
  id: s.id,
  kind: s.kind,
  productCode: s.productCode,
  name: s.name,
  domainName: s.domainName,
  status: s.status,
  periodMonths: s.periodMonths,
  activatedAt: s.activatedAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
  hasAccessData: s.sealedCredentials !== null,
});
const domainJson = (d: RegisteredDomain) => ({ id: d.id, name: d.name, status: d.status, periodMonths: d.periodMonths, registeredAt: d.registeredAt.toISOString(), expiresAt: d.expiresAt.toISOString(), updatedAt: d.updatedAt.toISOString(), nameservers: d.nameservers });

const servicesRoute = createRoute({
  ...common,
  operationId: 'listServices',
  method: 'get',
  path: '/accounts/{accountId}/services',
  summary: 'Services of an account (services right; a scoped contact sees its own)',
  request: { params: accountParams, query: syncQuery },
  responses: { 200: { description: 'A page of services (25 unless limit says otherwise)', content: json(page(ServiceSchema)) } },
});
const serviceRoute = createRoute({ ...common, operationId: 'getService', method: 'get', path: '/accounts/{accountId}/services/{serviceId}', summary: 'One service', request: { params: serviceParams }, responses: { 200: { description: 'The service', content: json(ServiceDetailSchema) } } });
const revealRoute = createRoute({
  ...common,
  operationId: 'revealAccessData',
  method: 'post',
  path: '/accounts/{accountId}/services/{serviceId}/access-data',
  summary: 'Reveal the access data of a service (credentials right); every reveal is audited',
  request: { params: serviceParams },
  responses: { 200: { description: 'The access data', content: json(AccessDataSchema) } },
});
const domainsRoute = createRoute({
  ...common,
  operationId: 'listDomains',
  method: 'get',
  path: '/accounts/{accountId}/domains',
  summary: 'Domains of an account (domains right; a scoped contact sees its own)',
  request: { params: accountParams, query: syncQuery },
  responses: { 200: { description: 'A page of domains (25 unless limit says otherwise)', content: json(page(DomainSchema)) } },
});
const domainRoute = createRoute({ ...common, operationId: 'getDomain', method: 'get', path: '/accounts/{accountId}/domains/{domainId}', summary: 'One domain', request: { params: domainParams }, responses: { 200: { description: 'The domain', content: json(DomainDetailSchema) } } });
const nameserversRoute = createRoute({
  ...common,
  operationId: 'setNameservers',
  method: 'put',
  path: '/accounts/{accountId}/domains/{domainId}/nameservers',
  summary: "Change a domain's nameservers (domains.manage right); 2 to 6 host names",
  request: { params: domainParams, body: { required: true, content: json(z.object({ nameservers: z.array(z.string().max(253)).min(1).max(10).openapi({ example: ['ns1.primjer.hr', 'ns2.primjer.hr'] }) }).openapi('Nameservers')) } },
  responses: { 200: { description: 'The domain', content: json(DomainSchema) }, 409: { description: 'The domain is not live' } },
});

/** Services and domains over JSON: the same use cases, so the same policy, as the portal pages. */
export function registerPortfolioApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { portfolio, serviceActions } = useCases;
  api.openapi(servicesRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await portfolio.services(actor, c.req.valid('param').accountId, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(serviceJson), next: result.value.next }, 200);
  });
  api.openapi(serviceRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, serviceId } = c.req.valid('param');
    const result = await portfolio.service(actor, accountId, serviceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ ...serviceJson(result.value.service), mayRevealAccessData: result.value.mayReveal }, 200);
  });
  api.openapi(revealRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, serviceId } = c.req.valid('param');
    const result = await portfolio.revealCredentials(actor, accountId, serviceId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ username: result.value.username, password: result.value.password, host: result.value.host }, 200);
  });
  api.openapi(domainsRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await portfolio.domains(actor, c.req.valid('param').accountId, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(domainJson), next: result.value.next }, 200);
  });
  api.openapi(domainRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, domainId } = c.req.valid('param');
    const result = await portfolio.domain(actor, accountId, domainId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ ...domainJson(result.value), mayManage: serviceActions.mayManageDomain(actor, accountId, domainId) }, 200);
  });
  api.openapi(nameserversRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, domainId } = c.req.valid('param');
    const result = await serviceActions.setNameservers(actor, accountId, domainId, c.req.valid('json').nameservers, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(domainJson(result.value), 200);
  });
}
