/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** the page's view model, put here by site/build/site-builder.ts; absent for live requests */
    page?: import('./lib/page-model.ts').PageModel;
  }
}
