// `import.meta.env` as Vite's `vite/client` types declare it (a variable not
// listed is `any`), for the docs' examples that read a Vite environment
// variable (docs/migrating-from-0.6.md, "React hooks").
interface ImportMetaEnv {
  readonly [key: string]: any;
  readonly BASE_URL: string;
  readonly MODE: string;
  readonly DEV: boolean;
  readonly PROD: boolean;
  readonly SSR: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
