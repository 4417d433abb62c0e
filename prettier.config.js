/** Line length and layout are the formatter's; see docs/tooling.md. */
export default {
  printWidth: 120,
};
