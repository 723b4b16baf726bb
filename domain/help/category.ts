import type { Locale } from '../identity/locale.js';
import { fail, InvalidInput, ok, type Result } from '../shared/result.js';
import { slugify } from './article.js';

export interface CategoryInput {
  readonly slug: string;
  readonly nameHr: string;
  readonly nameEn: string;
  readonly descriptionHr: string;
  readonly descriptionEn: string;
}

/** A group of help articles, named in both languages. */
export class HelpCategory {
  id!: string;
  slug!: string;
  nameHr!: string;
  nameEn!: string;
  descriptionHr!: string;
  descriptionEn!: string;
  position!: number;
  createdAt!: Date;
  updatedAt!: Date;

  static create(input: { id: string; fields: CategoryInput; position: number; now: Date }): HelpCategory {
    const c = new HelpCategory();
    Object.assign(c, { id: input.id, position: input.position, createdAt: input.now });
    c.update(input.fields, input.now);
    return c;
  }

  update(fields: CategoryInput, now: Date): void {
    Object.assign(this, fields);
    this.updatedAt = now;
  }

  name(locale: Locale): string {
    return locale === 'en' ? this.nameEn : this.nameHr;
  }

  description(locale: Locale): string {
    return locale === 'en' ? this.descriptionEn : this.descriptionHr;
  }
}

export function checkCategory(input: CategoryInput): Result<CategoryInput, InvalidInput> {
  const nameHr = input.nameHr.trim();
  const nameEn = input.nameEn.trim() || nameHr;
  const slug = (input.slug.trim() || slugify(nameHr)).toLowerCase();
  if (nameHr.length < 2 || nameHr.length > 100) return fail(new InvalidInput('help.category_name', 'nameHr'));
  if (nameEn.length > 100) return fail(new InvalidInput('help.category_name', 'nameEn'));
  if (input.descriptionHr.trim().length > 300 || input.descriptionEn.trim().length > 300) return fail(new InvalidInput('help.summary', 'descriptionHr'));
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/u.test(slug) || slug.length > 80) return fail(new InvalidInput('help.slug', 'slug'));
  return ok({ slug, nameHr, nameEn, descriptionHr: input.descriptionHr.trim(), descriptionEn: input.descriptionEn.trim() });
}
