// Stylelint for the dashboard's own styles (npm run lint): the overview component's and the conference pack's.
export default {
  extends: ["stylelint-config-standard"],
  rules: {
    // Layout, not correctness: the styles keep one rule a line, grouped without blank lines, so a component's
    // whole style reads on one screen.
    "declaration-block-single-line-max-declarations": null,
    "rule-empty-line-before": null,
    "at-rule-empty-line-before": null,
    "comment-empty-line-before": null,
  },
};
