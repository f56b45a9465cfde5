/*
 * A test-only specification. Licensed under the Apache License, Version 2.0.
 */

import { CommonQueryParameters } from '@spec_utils/behaviors'

export class RequestBase implements CommonQueryParameters {}

export enum MediaType {
  Json = 'application/json',
  Text = 'text/plain'
}

/**
 * An older branch's way of saying that a response body is a dictionary of its two type
 * arguments; the class itself has no properties.
 */
export class DictionaryResponseBase<TKey, TValue> {}
