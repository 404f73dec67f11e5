import FlagIcon from '@mui/icons-material/Flag';
import { FlagList } from './FlagList';
import { lazyPage } from '../common/lazyPage';

const FlagShow = lazyPage(() => import('./FlagShow').then((m) => m.FlagShow));

export default { list: FlagList, show: FlagShow, icon: FlagIcon, recordRepresentation: (r: { id: number; queue: string }) => `#${r.id}` };
