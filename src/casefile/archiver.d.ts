// The part of archiver (a dependency of exceljs, used directly for the case's file package) that we call.
declare module 'archiver' {
  import type { Readable, Transform } from 'node:stream';

  interface EntryData {
    name: string;
    date?: Date;
    /** Stored without compression (zip). */
    store?: boolean;
  }

  interface Archiver extends Transform {
    append(source: Readable | Buffer | string, data: EntryData): this;
    finalize(): Promise<void>;
    abort(): this;
    pointer(): number;
  }

  function archiver(format: 'zip', options?: { zlib?: { level?: number }; store?: boolean }): Archiver;
  export default archiver;
}
