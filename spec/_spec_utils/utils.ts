/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Stringified } from '@spec_utils/Stringified'

/**
 * A JSON `null` sent on purpose, meaning "reset" or "clear", as opposed to simply
 * leaving the property out.
 */
export type NullValue = null

/**
 * Either a `T` or an explicit `null` that the server treats as a real value.
 */
export type WithNullValue<T> = T | NullValue

/**
 * A cluster or index setting: it can be cleared with `null`.
 *
 * @es_quirk The server stores settings as text, so values read back arrive as strings whatever type was written.
 */
export type Setting<T> = WithNullValue<Stringified<T>>
