import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { ServiceUnavailable } from '../../application/ports/fiscalizer.js';
import { textWithin } from '../system/limited-text.js';
import { nestsDeeperThan } from './xml-limits.js';

export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
/** A service's answer is a few kilobytes; anything past this is not an answer. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** The one element of a SOAP 1.1 Body, or null when the text is not such an envelope. */
export function soapPayload(xml: string): Element | null {
  // A SOAP message never carries a DOCTYPE (SOAP 1.1, 3), and its elements nest a dozen deep.
  if (/<!DOCTYPE/iu.test(xml) || nestsDeeperThan(xml)) return null;
  let doc;
  try {
    doc = new DOMParser({ onError: (level) => { if (level !== 'warning') throw new Error('not well-formed'); } }).parseFromString(xml, 'text/xml');
  } catch {
    return null;
  }
  const envelope = doc.documentElement;
  if (!envelope || envelope.localName !== 'Envelope' || envelope.namespaceURI !== SOAP_ENV) return null;
  const body = Array.from(envelope.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === 'Body' && (n as Element).namespaceURI === SOAP_ENV);
  const children = body ? Array.from(body.childNodes).filter((n): n is Element => n.nodeType === 1) : [];
  return children.length === 1 ? children[0]! : null;
}

/** An element on its own, its namespaces declared: what a schema validator checks. */
export function standalone(element: Element): string {
  return new XMLSerializer().serializeToString(element);
}

export function childText(parent: Element, localName: string): string | null {
  const found = Array.from(parent.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === localName);
  return found ? (found.textContent ?? '').trim() : null;
}

export function childElements(parent: Element, localName: string): Element[] {
  return Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === localName);
}

/**
 * POSTs a SOAP message and returns the answer's text. A network failure, a timeout or an answer that is no SOAP
 * message (a proxy's error page, a 503) is ServiceUnavailable: the caller tries again later.
 */
export async function postSoap(url: string, envelope: string, options: { soapAction?: string; timeoutMs: number }): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', ...(options.soapAction !== undefined ? { soapaction: `"${options.soapAction}"` } : {}) },
      body: envelope,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new ServiceUnavailable(`${new URL(url).host} did not answer: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
  }
  const text = await textWithin(response, MAX_ANSWER_BYTES);
  if (text === null) throw new ServiceUnavailable(`${new URL(url).host} answered with more than ${MAX_ANSWER_BYTES} bytes`);
  if (!soapPayload(text)) throw new ServiceUnavailable(`${new URL(url).host} answered HTTP ${response.status} without a SOAP message`);
  return text;
}
