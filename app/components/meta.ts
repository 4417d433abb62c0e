/** `<title>` text: the page, then the product. */
export function pageTitle(page: string): { title: string }[] {
  return [{ title: `${page} · Partner Lead Portal` }];
}
