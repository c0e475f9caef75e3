// A layer's problems in place: the plain-language message and, where one exists, a one-click fix.
import { useTranslation } from 'react-i18next';
import type { SpecIssue } from '../../network/issues';
import { useStore } from '../store/store';

export function LayerIssues({ issues }: { issues: readonly SpecIssue[] }) {
  const { t } = useTranslation();
  const applyFix = useStore((s) => s.applyFix);
  if (issues.length === 0) return null;
  return (
    <ul className="layer-issues">
      {issues.map((issue, i) => (
        <li
          key={i}
          className={`issue issue-${issue.severity}`}
          role={issue.severity === 'error' ? 'alert' : undefined}
        >
          <span>{issue.message}</span>
          {issue.fix && (
            <button type="button" className="fix" onClick={() => issue.fix && applyFix(issue.fix)}>
              {t('layerIssues.fix', { label: issue.fix.label })}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
