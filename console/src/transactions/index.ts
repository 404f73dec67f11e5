import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import { TransactionList } from './TransactionList';
import { TransactionShow } from './TransactionShow';

export default { list: TransactionList, show: TransactionShow, icon: ShoppingCartIcon, recordRepresentation: 'externalId' };
