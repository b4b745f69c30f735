/** Shared styles of the pane: one narrow column (Excel's pane is about 320–450 px wide). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  grow: { flexGrow: 1, minWidth: "90px" },
  // A long file name under a unit wraps anywhere rather than widening the pane (a one-column pane, TASKPANE.md).
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: "anywhere", minWidth: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  itemLine: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", minWidth: 0 },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: "anywhere" },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  indent: { paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  /** Status words and sizes stay on one line beside a wrapping name. */
  nowrap: { flexShrink: 0, whiteSpace: "nowrap" },
  /**
   * A text or date field no wider than the pane: an input's own width (about 20 characters) ran past the
   * edge of a pane 160 CSS pixels wide (Office's narrowest, at 200 % zoom) and the page scrolled sideways.
   */
  field: { maxWidth: "100%", minWidth: 0, boxSizing: "border-box" },
  fieldInput: { minWidth: 0, width: "100%" },
  fieldset: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    borderTopStyle: "none",
    borderRightStyle: "none",
    borderBottomStyle: "none",
    borderLeftStyle: "none",
  },
  options: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingBottom: tokens.spacingVerticalM },
  hidden: { display: "none" },
  /** Native selects size to their longest option: keep them inside the column. */
  fill: { width: "100%", minWidth: 0, maxWidth: "100%" },
});
