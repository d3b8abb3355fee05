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
    // Our own classes are kebab-case; Streamlit names a keyed element's container st-key-<key> (ui/presenter.css).
    "selector-class-pattern": ["^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|st-key-[a-z0-9_]+)$",
      {message: "kebab-case, or Streamlit's st-key-<key>"}],
  },
};
