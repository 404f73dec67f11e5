import { httpClient } from '../dataProvider';

export interface PolicyProblem {
  path: string;
  message: string;
}

export async function validateDocument(appliesTo: string, document: unknown): Promise<PolicyProblem[]> {
  const { json } = await httpClient('/api/policies/validate', { method: 'POST', body: JSON.stringify({ appliesTo, document }) });
  return (json as { problems: PolicyProblem[] }).problems;
}

export const postJson = async (url: string, body: unknown) => (await httpClient(url, { method: 'POST', body: JSON.stringify(body) })).json;
