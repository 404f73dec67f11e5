import ModelIcon from '@mui/icons-material/Psychology';
import { lazyPage } from '../common/lazyPage';

// The model pages bring the charts library: loaded when one opens, not with the queue list.
const ModelList = lazyPage(() => import('./ModelPages').then((m) => m.ModelList));
const ModelShow = lazyPage(() => import('./ModelPages').then((m) => m.ModelShow));

export default { list: ModelList, show: ModelShow, icon: ModelIcon, recordRepresentation: 'version' };
