/*
 * A test-only specification: every way the dialect encodes a union, in a few small types.
 * Not an Elasticsearch API. Licensed under the Apache License, Version 2.0.
 */

export type integer = number
export type long = number
export type double = number
