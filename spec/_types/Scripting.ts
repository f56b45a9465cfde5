/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Dictionary } from '@spec_utils/Dictionary'
import { UserDefinedValue } from '@spec_utils/UserDefinedValue'
import { Id } from './common'

/**
 * Languages a script can be written in.
 * @doc_id modules-scripting
 * @non_exhaustive
 */
export enum ScriptLanguage {
  /**
   * The default language, designed for Elasticsearch.
   */
  painless,
  /**
   * Lucene expressions, compiled to bytecode; numeric only.
   */
  expression,
  /**
   * Mustache templates, used by search templates.
   */
  mustache,
  /**
   * Native scripts written in Java.
   */
  java
}

/**
 * Source of a script: program text, or (for templates) a JSON object holding a search
 * request with placeholders.
 * @codegen_names script_string, script_template
 */
// This spec stops here: the object arm is the full search request body, which none of
// the endpoints covered here need, so it is kept as arbitrary JSON.
export type ScriptSource = string | UserDefinedValue

/**
 * A script, given either inline through `source` or by reference to a stored script through `id`.
 * @shortcut_property source
 */
export class Script {
  /**
   * Inline script source.
   */
  source?: ScriptSource
  /**
   * Identifier of a stored script to run instead of an inline one.
   */
  id?: Id
  /**
   * Named values made available to the script. Passing values here rather than
   * hard-coding them lets the compiled script be reused.
   */
  params?: Dictionary<string, UserDefinedValue>
  /**
   * The language of `source`.
   * @server_default painless
   */
  lang?: ScriptLanguage
  /** Language-specific compiler options. */
  options?: Dictionary<string, string>
}
