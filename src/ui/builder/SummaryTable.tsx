// The model summary: one row per layer with output shape, parameters and FLOPs, and the totals.
import { useTranslation } from 'react-i18next';
import { formatShape } from '../../network/spec';
import { CostCells, CostHeaders, CostTotals } from '../inspect/CostColumns';
import { useStore } from '../store/store';
import { formatCount, formatFlops } from './layer-summary';
import { useAnalysis } from './useAnalysis';

export function SummaryTable() {
  const { t } = useTranslation();
  const spec = useStore((s) => s.spec);
  const analysis = useAnalysis();
  return (
    <table className="summary">
      <caption>{t('summaryTable.modelSummary')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('summaryTable.layer')}</th>
          <th scope="col">{t('summaryTable.outputShape')}</th>
          <th scope="col">{t('summaryTable.params')}</th>
          <th scope="col">{t('summaryTable.flops')}</th>
          <CostHeaders />
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t('summaryTable.input')}</th>
          <td>{formatShape(spec.input.shape)}</td>
          <td>0</td>
          <td>0</td>
          <CostCells index={null} />
        </tr>
        {analysis.layers.map((info) => (
          <tr key={info.id}>
            <th scope="row">
              {info.index + 1}. {info.kind}
            </th>
            <td>{info.outputShape ? formatShape(info.outputShape) : '—'}</td>
            <td>{formatCount(info.params)}</td>
            <td>{formatFlops(info.flops)}</td>
            <CostCells index={info.index} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('summaryTable.total')}</th>
          <td>{analysis.outputShape ? formatShape(analysis.outputShape) : '—'}</td>
          <td data-testid="summary-total-params">{formatCount(analysis.totalParams)}</td>
          <td>{formatFlops(analysis.totalFlops)}</td>
          <CostTotals />
        </tr>
      </tfoot>
    </table>
  );
}
