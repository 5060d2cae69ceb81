// The number box is shared with the Train view; slide mode imports it from here.
export { NumberBox } from '../controls/NumberBox';
