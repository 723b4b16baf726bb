/** How deep elements of a message from outside may nest: a bank statement or a SOAP answer needs about 15. */
export const MAX_XML_DEPTH = 64;

/**
 * Whether the elements of `xml` nest deeper than `max`, found by one pass over the text before any parser sees it,
 * so a crafted file of a million nested elements costs a scan, not a parser's stack. Comments, CDATA, processing
 * instructions and quoted attribute values are skipped; anything malformed is left to the parser to refuse.
 */
export function nestsDeeperThan(xml: string, max: number = MAX_XML_DEPTH): boolean {
  let depth = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    const next = xml[i + 1];
    if (xml.startsWith('<!--', i)) i = end(xml, '-->', i);
    else if (xml.startsWith('<![CDATA[', i)) i = end(xml, ']]>', i);
    else if (next === '?' || next === '!') i = end(xml, '>', i);
    else if (next === '/') {
      depth -= 1;
      i = end(xml, '>', i);
    } else {
      let j = i + 1;
      let quote = '';
      for (; j < xml.length; j += 1) {
        const c = xml[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (xml[j - 1] !== '/') depth += 1;
      if (depth > max) return true;
      i = j + 1;
    }
    i = i === -1 ? -1 : xml.indexOf('<', i);
  }
  return false;
}

function end(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from + 2);
  return at === -1 ? -1 : at + marker.length;
}
