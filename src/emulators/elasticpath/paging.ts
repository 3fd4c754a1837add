import type { EmulatorRequest } from '../core/server';

/*
 * `page[limit]` / `page[offset]` as every Elastic Path list reads them: the limit defaults to
 * 25 and may not exceed 100, the offset may not exceed 10000. `first`/`prev` are left out on the
 * first page, `next` (and `last`, where the list documents it) when there is no further page.
 */

export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 100;
export const MAX_PAGE_OFFSET = 10_000;

export interface PageRequest {
  limit: number;
  offset: number;
}

/** The page asked for, or the problems with the parameters (each a 400 error detail). */
export function parsePage(request: EmulatorRequest): PageRequest | string[] {
  const limitParam = request.query.get('page[limit]');
  const offsetParam = request.query.get('page[offset]');
  const limit = limitParam === null ? DEFAULT_PAGE_LIMIT : Number(limitParam);
  const offset = offsetParam === null ? 0 : Number(offsetParam);
  const problems: string[] = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    problems.push(`page[limit] must be an integer between 1 and ${MAX_PAGE_LIMIT}`);
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_PAGE_OFFSET) {
    problems.push(`page[offset] must be an integer between 0 and ${MAX_PAGE_OFFSET}`);
  }
  return problems.length > 0 ? problems : { limit, offset };
}

/** Paging links for `total` items at `url` (absolute, without a query string). */
export function pageLinks(url: string, page: PageRequest, total: number, options: { withLast: boolean }): Record<string, string> {
  const { limit, offset } = page;
  const link = (pageOffset: number) => `${url}?page[offset]=${pageOffset}&page[limit]=${limit}`;
  const links: Record<string, string> = {};
  if (offset > 0) {
    links.first = link(0);
    links.prev = link(Math.max(0, offset - limit));
  }
  if (offset + limit < total) {
    links.next = link(offset + limit);
    if (options.withLast) links.last = link((pageCount(page, total) - 1) * limit);
  }
  return links;
}

export function pageCount(page: PageRequest, total: number): number {
  return Math.max(1, Math.ceil(total / page.limit));
}
