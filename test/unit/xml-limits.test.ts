import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSoap, soapPayload, SOAP_ENV } from '../../adapters/xml-security/soap.js';
import { nestsDeeperThan } from '../../adapters/xml-security/xml-limits.js';

describe('xml from outside is measured before it is parsed', () => {
  it('counts nesting, not siblings, and skips comments, CDATA, instructions and quoted values', () => {
    expect(nestsDeeperThan('<a><b><c/></b></a>', 2)).toBe(false);
    expect(nestsDeeperThan('<a><b><c></c></b></a>', 2)).toBe(true);
    expect(nestsDeeperThan(`<a>${'<b/>'.repeat(1000)}${'<c></c>'.repeat(1000)}</a>`, 2)).toBe(false);
    expect(nestsDeeperThan('<?xml version="1.0"?><a x="<b>" y=\'<c>\'><!-- <d><e> --><![CDATA[<f><g>]]></a>', 1)).toBe(false);
    expect(nestsDeeperThan(`${'<a>'.repeat(65)}${'</a>'.repeat(65)}`)).toBe(true);
    expect(nestsDeeperThan(`${'<a>'.repeat(64)}${'</a>'.repeat(64)}`)).toBe(false);
  });

  it('a SOAP message with a DOCTYPE or a deep nest is no SOAP message', () => {
    const envelope = (body: string) => `<s:Envelope xmlns:s="${SOAP_ENV}"><s:Body>${body}</s:Body></s:Envelope>`;
    expect(soapPayload(envelope('<x/>'))?.localName).toBe('x');
    expect(soapPayload(`<!DOCTYPE s:Envelope [<!ENTITY e "x">]>${envelope('<x/>')}`)).toBeNull();
    expect(soapPayload(envelope(`${'<x>'.repeat(100)}${'</x>'.repeat(100)}`))).toBeNull();
  });
});

describe('a SOAP answer is read only up to its size limit', () => {
  let url = '';
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/xml' });
      if (request.url === '/chunked') {
        // No length announced: the limit must cut the stream itself.
        const piece = '<!-- padding -->'.repeat(4096);
        let sent = 0;
        const write = () => {
          while (sent < 200 && response.write(piece)) sent += 1;
          if (sent < 200) response.once('drain', write);
          else response.end();
        };
        write();
      } else response.end(`<s:Envelope xmlns:s="${SOAP_ENV}"><s:Body><x/></s:Body></s:Envelope>`);
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a small answer is read; an endless one is refused as the service being unavailable', async () => {
    expect(await postSoap(`${url}/small`, '<x/>', { timeoutMs: 5000 })).toContain('<x/>');
    await expect(postSoap(`${url}/chunked`, '<x/>', { timeoutMs: 5000 })).rejects.toThrow(/more than 1048576 bytes/u);
  });
});
