/*
 * A test-only specification. Licensed under the Apache License, Version 2.0.
 */

import { DictionaryResponseBase } from '@_types/Base'
import { Request as SavedRequest } from './ShapesSavedRequest'

/** The parameter is never used: the Rust type has none. */
export class Response<TUnused> extends DictionaryResponseBase<string, SavedSet> {}

export class SavedSet {
  /** The request that saved the set, as its body. */
  saved_by: SavedRequest
  /** When it was saved, as text. */
  at?: string
}
