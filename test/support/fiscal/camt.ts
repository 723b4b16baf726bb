/**
 * Bank statements (camt.053) as banks send them, written for the tests: one bank's structured remittance
 * (Strd/CdtrRefInf/Ref, version .001.02), another's unstructured text (Ustrd, version .001.08, the status as a
 * code), a batch booking of several transactions in one entry, and the entries a statement also carries (debits,
 * entries not yet booked).
 */
export interface CamtCredit {
  readonly id: string;
  readonly amount: string;
  readonly reference?: string;
  readonly text?: string;
  readonly payer?: string;
  readonly bookedOn?: string;
  readonly currency?: string;
}

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

function transaction(c: CamtCredit, version: '02' | '08', withAmount: boolean): string {
  const party = version === '02' ? `<Dbtr><Nm>${esc(c.payer ?? 'Kupac')}</Nm></Dbtr>` : `<Dbtr><Pty><Nm>${esc(c.payer ?? 'Kupac')}</Nm></Pty></Dbtr>`;
  const remittance = c.reference
    ? `<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Prtry>HR00</Prtry></CdOrPrtry></Tp><Ref>${esc(c.reference)}</Ref></CdtrRefInf></Strd></RmtInf>`
    : c.text
      ? `<RmtInf><Ustrd>${esc(c.text)}</Ustrd></RmtInf>`
      : '';
  const amount = withAmount ? (version === '02' ? `<AmtDtls><TxAmt><Amt Ccy="${c.currency ?? 'EUR'}">${c.amount}</Amt></TxAmt></AmtDtls>` : `<Amt Ccy="${c.currency ?? 'EUR'}">${c.amount}</Amt>`) : '';
  return `<TxDtls><Refs><AcctSvcrRef>${esc(c.id)}</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>${amount}<RltdPties>${party}</RltdPties>${remittance}</TxDtls>`;
}

function entry(c: CamtCredit, version: '02' | '08'): string {
  const status = version === '02' ? '<Sts>BOOK</Sts>' : '<Sts><Cd>BOOK</Cd></Sts>';
  return `
      <Ntry>
        <Amt Ccy="${c.currency ?? 'EUR'}">${c.amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        ${status}
        <BookgDt><Dt>${c.bookedOn ?? '2026-11-30'}</Dt></BookgDt>
        <ValDt><Dt>${c.bookedOn ?? '2026-11-30'}</Dt></ValDt>
        <AcctSvcrRef>${esc(c.id)}</AcctSvcrRef>
        <BkTxCd><Prtry><Cd>CRDT</Cd></Prtry></BkTxCd>
        <NtryDtls>${transaction(c, version, false)}</NtryDtls>
      </Ntry>`;
}

export function camtStatement(input: { version?: '02' | '08'; statementId?: string; iban?: string; credits: readonly CamtCredit[]; batch?: { id: string; credits: readonly CamtCredit[] }; extras?: boolean }): string {
  const version = input.version ?? '02';
  const extras = input.extras
    ? `
      <Ntry><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>${version === '02' ? '<Sts>BOOK</Sts>' : '<Sts><Cd>BOOK</Cd></Sts>'}<BookgDt><Dt>2026-11-30</Dt></BookgDt><AcctSvcrRef>DEBIT-1</AcctSvcrRef></Ntry>
      <Ntry><Amt Ccy="EUR">75.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>${version === '02' ? '<Sts>PDNG</Sts>' : '<Sts><Cd>PDNG</Cd></Sts>'}<BookgDt><Dt>2026-11-30</Dt></BookgDt><AcctSvcrRef>PENDING-1</AcctSvcrRef></Ntry>`
    : '';
  const batch = input.batch
    ? `
      <Ntry>
        <Amt Ccy="EUR">${(input.batch.credits.reduce((s, c) => s + Math.round(Number(c.amount) * 100), 0) / 100).toFixed(2)}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>${version === '02' ? '<Sts>BOOK</Sts>' : '<Sts><Cd>BOOK</Cd></Sts>'}
        <BookgDt><Dt>2026-11-30</Dt></BookgDt>
        <AcctSvcrRef>${input.batch.id}</AcctSvcrRef>
        <NtryDtls>${input.batch.credits.map((c) => transaction(c, version, true)).join('')}</NtryDtls>
      </Ntry>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-${input.statementId ?? 'STMT-1'}</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${input.statementId ?? 'STMT-1'}</Id>
      <CreDtTm>2026-11-30T18:00:00</CreDtTm>
      <Acct><Id><IBAN>${input.iban ?? 'HR1210010051863000160'}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-30</Dt></Dt></Bal>${input.credits.map((c) => entry(c, version)).join('')}${batch}${extras}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}
