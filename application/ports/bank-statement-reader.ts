import type { BankStatement, StatementProblem } from '../../domain/fiscal/bank-statement.js';
import type { Result } from '../../domain/shared/result.js';

/** Reads a bank statement file (camt.053); a file that is not one says where it went wrong. */
export interface BankStatementReader {
  read(bytes: Uint8Array): Result<BankStatement, StatementProblem>;
}
