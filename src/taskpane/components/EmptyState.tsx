/** What to do, in three sentences, while no file has been added. */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { PaneText } from "../i18n";
import { useStyles } from "./styles";

const useEmptyStyles = makeStyles({
  box: {
    margin: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export function EmptyState({ t }: { readonly t: PaneText }) {
  const styles = useStyles();
  const own = useEmptyStyles();
  return (
    <div className={own.box} data-testid="empty-state">
      <h2 className={styles.subheading}>{t.emptyTitle}</h2>
      <ol className={own.steps}>
        {t.emptySteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </div>
  );
}
