// The few host globals the core uses, present both in workers and in Node 18+.
declare function atob(data: string): string;
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: Uint8Array): string;
}
declare const performance: { now(): number };
