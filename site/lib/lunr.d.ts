/**
 * The part of lunr 2.3 the village search uses (the package ships no types and @types/lunr is
 * not installed). Kept to what site/lib/village-index.ts and village-search-query.ts call.
 */
declare module 'lunr' {
  namespace lunr {
    const version: string;
    class Token {
      constructor(str: string, metadata?: Record<string, unknown>);
      toString(): string;
    }
    class Pipeline {
      reset(): void;
    }
    interface Builder {
      pipeline: Pipeline;
      searchPipeline: Pipeline;
      tokenizer: (obj: unknown, metadata?: Record<string, unknown>) => Token[];
      metadataWhitelist: string[];
      ref(name: string): void;
      field(name: string): void;
      add(doc: Record<string, string>): void;
    }
    interface TermOptions {
      presence?: number;
      wildcard?: number;
      usePipeline?: boolean;
      fields?: string[];
      boost?: number;
    }
    class Query {
      term(term: string, options?: TermOptions): Query;
      static presence: { OPTIONAL: number; REQUIRED: number; PROHIBITED: number };
      static wildcard: { NONE: number; LEADING: number; TRAILING: number };
    }
    interface Result {
      ref: string;
      score: number;
    }
    interface SerializedIndex {
      version: string;
      fields: string[];
      fieldVectors: unknown[];
      invertedIndex: unknown[];
      pipeline: string[];
    }
    class Index {
      query(fn: (q: Query) => void): Result[];
      toJSON(): SerializedIndex;
      static load(serialized: SerializedIndex): Index;
    }
  }
  function lunr(config: (this: lunr.Builder, builder: lunr.Builder) => void): lunr.Index;
  export default lunr;
}

/** The same library, already minified: what the browser bundle includes (site/lib/village-search-query.ts). */
declare module 'lunr/lunr.min.js' {
  export { default } from 'lunr';
}
