export { PermalinkNotice } from './PermalinkNotice';
export { CopyLinkButton } from './CopyLinkButton';
export { PresetMenu } from './PresetMenu';
