// Plotly's partial bundles ship no types of their own; their API is the full bundle's.
declare module 'plotly.js-cartesian-dist-min' {
  import Plotly from 'plotly.js-dist-min';
  export default Plotly;
}
declare module 'plotly.js-gl3d-dist-min' {
  import Plotly from 'plotly.js-dist-min';
  export default Plotly;
}
