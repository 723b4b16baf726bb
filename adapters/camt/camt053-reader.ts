import { createHash } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { BankStatementReader } from '../../application/ports/bank-statement-reader.js';
import { referenceInText, transactionIdOf, type BankStatement, type StatementCredit, type StatementProblem } from '../../domain/fiscal/bank-statement.js';
import { fail, ok, type Result } from '../../domain/shared/result.js';
import { MAX_XML_DEPTH, nestsDeeperThan } from '../xml-security/xml-limits.js';

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2}$/u;

class Unreadable extends Error {
  constructor(
    readonly line: number | null,
    readonly element: string,
    message: string,
  ) {
    super(message);
  }
}

const lineOf = (node: Element) => (node as unknown as { lineNumber?: number }).lineNumber ?? null;
const children = (parent: Element, name: string) => Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name);
const child = (parent: Element, ...path: string[]): Element | null => {
  let node: Element | null = parent;
  for (const name of path) node = node ? (children(node, name)[0] ?? null) : null;
  return node;
};
const text = (parent: Element, ...path: string[]) => (child(parent, ...path)?.textContent ?? '').trim();

/** An amount of a camt file ("1234.5") as whole cents, exactly: no floating point. */
function cents(node: Element, where: string): number {
  const value = (node.textContent ?? '').trim();
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/u.exec(value);
  if (!match) throw new Unreadable(lineOf(node), where, `the amount "${value.slice(0, 30)}" is not a number with at most two decimals`);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/**
 * ISO 20022 camt.053 (BankToCustomerStatement, versions .001.02 to .001.13) read with @xmldom/xmldom, which keeps
 * each element's line for the messages. Every booked credit entry becomes a payment; an entry that batches several
 * transactions becomes one payment per transaction. The reference is taken from Strd/CdtrRefInf/Ref, or found in
 * the unstructured Ustrd text.
 */
export class Camt053Reader implements BankStatementReader {
  read(bytes: Uint8Array): Result<BankStatement, StatementProblem> {
    try {
      return ok({ ...this.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), sha256: createHash('sha256').update(bytes).digest('hex') });
    } catch (error) {
      if (error instanceof Unreadable) return fail({ line: error.line, element: error.element, message: error.message });
      if (error instanceof TypeError) return fail({ line: null, element: 'Document', message: 'the file is not UTF-8 text' });
      throw error;
    }
  }

  private parse(xml: string): Omit<BankStatement, 'sha256'> {
    if (/<!DOCTYPE/iu.test(xml)) throw new Unreadable(null, 'Document', 'the file declares a DOCTYPE, which a bank statement never does');
    if (nestsDeeperThan(xml)) throw new Unreadable(null, 'Document', `the elements nest deeper than ${MAX_XML_DEPTH} levels, which a bank statement never does`);
    let broken: Unreadable | null = null;
    let doc;
    try {
      doc = new DOMParser({
        onError: (level, message, context) => {
          if (level === 'warning' || broken) return;
          const line = (context as unknown as { locator?: { lineNumber?: number } } | undefined)?.locator?.lineNumber ?? null;
          broken = new Unreadable(line, 'Document', `the file is not well-formed XML: ${message.replace(/\s+/gu, ' ').trim().slice(0, 200)}`);
        },
      }).parseFromString(xml, 'text/xml');
    } catch (error) {
      throw broken ?? new Unreadable(null, 'Document', `the file is not well-formed XML: ${error instanceof Error ? error.message.slice(0, 200) : ''}`);
    }
    if (broken) throw broken;
    const root = doc.documentElement;
    if (!root || root.localName !== 'Document' || !NAMESPACE.test(root.namespaceURI ?? '')) throw new Unreadable(root ? lineOf(root) : null, root?.localName ?? 'Document', 'the file is not a camt.053 bank statement (Document in the camt.053.001 namespace)');
    const report = child(root, 'BkToCstmrStmt');
    if (!report) throw new Unreadable(lineOf(root), 'Document/BkToCstmrStmt', 'the statement (BkToCstmrStmt) is missing');
    const statements = children(report, 'Stmt');
    if (statements.length === 0) throw new Unreadable(lineOf(report), 'BkToCstmrStmt/Stmt', 'the file holds no statement (Stmt)');
    const credits: StatementCredit[] = [];
    let skipped = 0;
    const ids: string[] = [];
    let iban: string | null = null;
    for (const [s, statement] of statements.entries()) {
      const statementId = text(statement, 'Id');
      if (!statementId) throw new Unreadable(lineOf(statement), `Stmt[${s + 1}]/Id`, 'the statement has no Id');
      ids.push(statementId);
      iban = text(statement, 'Acct', 'Id', 'IBAN') || iban;
      for (const [e, entry] of children(statement, 'Ntry').entries()) {
        const where = `Stmt[${s + 1}]/Ntry[${e + 1}]`;
        const indicator = text(entry, 'CdtDbtInd');
        if (indicator !== 'CRDT' && indicator !== 'DBIT') throw new Unreadable(lineOf(entry), `${where}/CdtDbtInd`, 'the entry says neither CRDT nor DBIT');
        const status = text(entry, 'Sts', 'Cd') || text(entry, 'Sts');
        if (indicator === 'DBIT' || status !== 'BOOK' || text(entry, 'RvslInd') === 'true') {
          skipped += 1;
          continue;
        }
        const amountNode = child(entry, 'Amt');
        if (!amountNode) throw new Unreadable(lineOf(entry), `${where}/Amt`, 'the entry has no amount');
        const currency = amountNode.getAttribute('Ccy');
        if (currency !== 'EUR') throw new Unreadable(lineOf(amountNode), `${where}/Amt`, `the entry is in ${currency || 'no currency'}, not EUR`);
        const bookedOn = (text(entry, 'BookgDt', 'Dt') || text(entry, 'BookgDt', 'DtTm') || text(entry, 'ValDt', 'Dt')).slice(0, 10);
        if (!/^\d{4}-\d{2}-\d{2}$/u.test(bookedOn)) throw new Unreadable(lineOf(entry), `${where}/BookgDt`, 'the entry has no booking date');
        const details = child(entry, 'NtryDtls');
        const transactions = details ? children(details, 'TxDtls') : [];
        const entryReference = text(entry, 'AcctSvcrRef') || text(entry, 'NtryRef');
        const parts = transactions.length > 0 ? transactions : [null];
        for (const [t, tx] of parts.entries()) {
          const txWhere = tx ? `${where}/NtryDtls/TxDtls[${t + 1}]` : where;
          const txAmount = tx ? (child(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? child(tx, 'Amt')) : null;
          const amountCents = txAmount && parts.length > 1 ? cents(txAmount, `${txWhere}/Amt`) : cents(amountNode, `${where}/Amt`);
          const reference = tx ? text(tx, 'Refs', 'AcctSvcrRef') || text(tx, 'Refs', 'TxId') || text(tx, 'Refs', 'EndToEndId').replace(/^NOTPROVIDED$/u, '') : '';
          const bankId = reference && parts.length > 1 ? reference : entryReference || reference;
          if (!bankId) throw new Unreadable(lineOf(tx ?? entry), `${txWhere}/Refs`, "the entry has no bank reference (AcctSvcrRef), so booking it once could not be told from booking it twice");
          const remittance = tx ? child(tx, 'RmtInf') : null;
          const structured = remittance ? children(remittance, 'Strd').map((s2) => text(s2, 'CdtrRefInf', 'Ref')).find(Boolean) : '';
          const unstructured = remittance ? children(remittance, 'Ustrd').map((u) => (u.textContent ?? '').trim()).join(' ') : text(entry, 'AddtlNtryInf');
          const payer = tx ? text(tx, 'RltdPties', 'Dbtr', 'Nm') || text(tx, 'RltdPties', 'Dbtr', 'Pty', 'Nm') : '';
          credits.push({
            bankTransactionId: transactionIdOf(parts.length > 1 ? `${bankId}` : bankId),
            amountCents,
            bookedOn,
            reference: structured || referenceInText(unstructured),
            payerName: payer.slice(0, 200),
            line: lineOf(tx ?? entry) ?? 0,
          });
        }
      }
    }
    return { statementId: ids.join('+').slice(0, 200), iban, credits, skipped };
  }
}
