import type { Product } from '../../domain/catalog/product.js';
import type { Services } from '../shared/services.js';

/** The public price list: anybody may read it. */
export class ListCatalog {
  constructor(private readonly deps: Pick<Services, 'uow'>) {}

  execute(): Promise<Product[]> {
    return this.deps.uow.run((scope) => scope.products.listActive());
  }
}
