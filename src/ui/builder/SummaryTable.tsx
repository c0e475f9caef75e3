// The model summary: one row per layer with output shape, parameters and FLOPs, and the totals.
import { formatShape } from '../../network/spec';
import { CostCells, CostHeaders, CostTotals } from '../inspect/CostColumns';
import { useStore } from '../store/store';
import { formatCount, formatFlops } from './layer-summary';
import { useAnalysis } from './useAnalysis';

export function SummaryTable() {
  const spec = useStore((s) => s.spec);
  const analysis = useAnalysis();
  return (
    <table className="summary">
      <caption>Model summary</caption>
      <thead>
        <tr>
          <th scope="col">Layer</th>
          <th scope="col">Output shape</th>
          <th scope="col">Params</th>
          <th scope="col">FLOPs</th>
          <CostHeaders />
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Input</th>
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
          <th scope="row">Total</th>
          <td>{analysis.outputShape ? formatShape(analysis.outputShape) : '—'}</td>
          <td data-testid="summary-total-params">{formatCount(analysis.totalParams)}</td>
          <td>{formatFlops(analysis.totalFlops)}</td>
          <CostTotals />
        </tr>
      </tfoot>
    </table>
  );
}
