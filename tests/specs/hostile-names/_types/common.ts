export enum MediaType {
  Json = 'application/json'
}
export type Name = string
export class Option {
  a: string
}
export enum Weird {
  self,
  Self,
  super,
  crate,
  'ü',
  '$dollar',
  'x²'
}
export class Gen<self> {
  value: self
}
export class Colliding {
  'a-b': string
  a_b: string
  'a.b': string
  'ünï': string
  '$': string
  self: string
  Self?: string
  crate?: string
  type?: string
  opt?: Option
  /** bidi ‮ text */
  g?: Gen<string>
  w?: Weird
}
