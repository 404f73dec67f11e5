import FlagIcon from '@mui/icons-material/Flag';
import { FlagList } from './FlagList';
import { FlagShow } from './FlagShow';

export default { list: FlagList, show: FlagShow, icon: FlagIcon, recordRepresentation: (r: { id: number; queue: string }) => `#${r.id}` };
