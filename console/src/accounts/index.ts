import PeopleIcon from '@mui/icons-material/People';
import { AccountList } from './AccountList';
import { lazyPage } from '../common/lazyPage';

const AccountShow = lazyPage(() => import('./AccountShow').then((m) => m.AccountShow));

export default { list: AccountList, show: AccountShow, icon: PeopleIcon, recordRepresentation: 'handle' };
