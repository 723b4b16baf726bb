import { InMemoryEInvoiceExchange } from '../../adapters/in-memory/in-memory-einvoice-exchange.js';
import { InMemoryFiscalizer } from '../../adapters/in-memory/in-memory-fiscalizer.js';
import { InMemoryPaymentReporter } from '../../adapters/in-memory/in-memory-payment-reporter.js';
import { Camt053Reader } from '../../adapters/camt/camt053-reader.js';
import { describeEInvoiceExchangeContract } from './einvoice-exchange.contract.js';
import { describeFiscalizerContract } from './fiscalizer.contract.js';
import { describePaymentReporterContract } from './payment-reporter.contract.js';
import { describeBankStatementReaderContract } from './bank-statement-reader.contract.js';

const OIB = '12345678903';

describeFiscalizerContract('in-memory', async () => {
  const fiscalizer = new InMemoryFiscalizer(OIB);
  return { fiscalizer, companyOib: OIB, setDown: async (down) => void (fiscalizer.down = down), close: async () => undefined };
});

describeEInvoiceExchangeContract('in-memory', async () => {
  const exchange = new InMemoryEInvoiceExchange();
  return {
    exchange,
    ubl: (number) => new TextEncoder().encode(`<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>${number}</ID></Invoice>`),
    reject: async (id, reason) => exchange.reject(id, reason),
    setDown: async (down) => void (exchange.down = down),
    close: async () => undefined,
  };
});

describePaymentReporterContract('in-memory', async () => {
  const reporter = new InMemoryPaymentReporter(OIB);
  return { reporter, companyOib: OIB, knowInvoice: async () => undefined, setDown: async (down) => void (reporter.down = down), close: async () => undefined };
});

describeBankStatementReaderContract('camt.053 reader (xmldom)', () => new Camt053Reader());
