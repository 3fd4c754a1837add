/** What the typed msgpack decoder's and encoder's tests share: a type with every kind of value in it. */
import type { AttributeType } from '../../../provider/framework/types';

export const EVERY_KIND: Record<string, AttributeType> = {
  name: 'string',
  enabled: 'bool',
  count: 'number',
  observes: { set: 'string' },
  tags: { map: 'string' },
  configuration: { object: { url: 'string', secret_key: 'string' } },
  steps: { list: { object: { id: 'number' } } },
};
