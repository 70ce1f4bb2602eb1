<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AddContactDialog</name>
    <message>
        <source>Add contact</source>
        <translation>Adicionar contato</translation>
    </message>
    <message>
        <source>e.g. Ana Paula Souza</source>
        <translation>ex.: Ana Paula Souza</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de telefone</translation>
    </message>
    <message>
        <source>Saved as {number}</source>
        <translation>Será salvo como {number}</translation>
    </message>
    <message>
        <source>Not a valid phone number. Outside Brazil, start with + and the country code.</source>
        <translation>Número de telefone inválido. De fora do Brasil, comece com + e o código do país.</translation>
    </message>
</context>
<context>
    <name>AgentsSection</name>
    <message>
        <source>Deactivated</source>
        <translation>Desativado</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>At least {n} characters</source>
        <translation>Pelo menos {n} caracteres</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repita a senha</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>A senha precisa de pelo menos {n} caracteres.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>As duas senhas são diferentes.</translation>
    </message>
    <message>
        <source>New agent</source>
        <translation>Novo atendente</translation>
    </message>
    <message>
        <source>Edit agent</source>
        <translation>Editar atendente</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Atendente</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sem limite</translation>
    </message>
    <message>
        <source>Most open tickets auto-assignment gives this agent.</source>
        <translation>Máximo de atendimentos abertos que a distribuição automática dá a este atendente.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Papel</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>No queues yet (Settings → Queues).</source>
        <translation>Nenhuma fila ainda (Configurações → Filas).</translation>
    </message>
    <message>
        <source>Open tickets at once</source>
        <translation>Atendimentos simultâneos</translation>
    </message>
    <message>
        <source>Give the agent a name.</source>
        <translation>Dê um nome ao atendente.</translation>
    </message>
    <message>
        <source>Password of {name}</source>
        <translation>Senha de {name}</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Atendentes</translation>
    </message>
    <message>
        <source>People who answer customers on this desktop. With more than one agent, whatdesk asks who is signing in.</source>
        <translation>Quem atende os clientes neste computador. Com mais de um atendente, o whatdesk pergunta quem está entrando.</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacidade</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No agents yet.</source>
        <translation>Nenhum atendente ainda.</translation>
    </message>
    <message>
        <source>Add agent</source>
        <translation>Adicionar atendente</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Redefinir senha</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desativar</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reativar</translation>
    </message>
    <message>
        <source>Choose your own password first: with a second agent, whatdesk asks who is signing in.</source>
        <translation>Escolha primeiro a sua própria senha: com um segundo atendente, o whatdesk pergunta quem está entrando.</translation>
    </message>
    <message>
        <source>The agent signs in with the new password; &quot;remember me&quot; on every computer is forgotten.</source>
        <translation>O atendente entra com a nova senha; o &quot;lembrar de mim&quot; é esquecido em todos os computadores.</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself; another administrator can.</source>
        <translation>Você não pode desativar a si mesmo; outro administrador pode.</translation>
    </message>
    <message>
        <source>Deactivate agent</source>
        <translation>Desativar atendente</translation>
    </message>
    <message>
        <source>{name} will no longer be able to sign in or receive tickets. Their tickets and messages stay.</source>
        <translation>{name} não poderá mais entrar nem receber atendimentos. Os atendimentos e mensagens dele continuam.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>whatdesk cannot start</source>
        <translation>O whatdesk não pôde iniciar</translation>
    </message>
    <message>
        <source>The data folder “{path}” cannot be used.</source>
        <translation>A pasta de dados “{path}” não pode ser usada.</translation>
    </message>
    <message>
        <source>Check the data folder and try again. Nothing was changed.</source>
        <translation>Verifique a pasta de dados e tente de novo. Nada foi alterado.</translation>
    </message>
</context>
<context>
    <name>AudioPlayback</name>
    <message>
        <source>This audio could not be played. Use Save as to open it in another program.</source>
        <translation>Não foi possível reproduzir este áudio. Use Salvar como para abri-lo em outro programa.</translation>
    </message>
</context>
<context>
    <name>AuditSection</name>
    <message>
        <source>Contact data exported</source>
        <translation>Dados do contato exportados</translation>
    </message>
    <message>
        <source>Contact anonymized</source>
        <translation>Contato anonimizado</translation>
    </message>
    <message>
        <source>Retention policy applied</source>
        <translation>Política de retenção aplicada</translation>
    </message>
    <message>
        <source>Retention policy changed</source>
        <translation>Política de retenção alterada</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Backup restaurado</translation>
    </message>
    <message>
        <source>Agent added</source>
        <translation>Atendente adicionado</translation>
    </message>
    <message>
        <source>Agent changed</source>
        <translation>Atendente alterado</translation>
    </message>
    <message>
        <source>Agent reactivated</source>
        <translation>Atendente reativado</translation>
    </message>
    <message>
        <source>Agent deactivated</source>
        <translation>Atendente desativado</translation>
    </message>
    <message>
        <source>Agent password reset</source>
        <translation>Senha de atendente redefinida</translation>
    </message>
    <message>
        <source>Connection added</source>
        <translation>Conexão adicionada</translation>
    </message>
    <message>
        <source>Connection changed</source>
        <translation>Conexão alterada</translation>
    </message>
    <message>
        <source>Connection deleted</source>
        <translation>Conexão excluída</translation>
    </message>
    <message>
        <source>Queue added</source>
        <translation>Fila adicionada</translation>
    </message>
    <message>
        <source>Queue changed</source>
        <translation>Fila alterada</translation>
    </message>
    <message>
        <source>Queue deleted</source>
        <translation>Fila excluída</translation>
    </message>
    <message>
        <source>Tag added</source>
        <translation>Etiqueta adicionada</translation>
    </message>
    <message>
        <source>Tag changed</source>
        <translation>Etiqueta alterada</translation>
    </message>
    <message>
        <source>Tag deleted</source>
        <translation>Etiqueta excluída</translation>
    </message>
    <message>
        <source>Quick reply added</source>
        <translation>Resposta rápida adicionada</translation>
    </message>
    <message>
        <source>Quick reply changed</source>
        <translation>Resposta rápida alterada</translation>
    </message>
    <message>
        <source>Quick reply deleted</source>
        <translation>Resposta rápida excluída</translation>
    </message>
    <message>
        <source>Settings: {what}</source>
        <translation>Configurações: {what}</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Atendente</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Quick reply</source>
        <translation>Resposta rápida</translation>
    </message>
    <message>
        <source>Retention policy</source>
        <translation>Política de retenção</translation>
    </message>
    <message>
        <source>Terminal (whatdesk command)</source>
        <translation>Terminal (comando whatdesk)</translation>
    </message>
    <message>
        <source>whatdesk (automatic)</source>
        <translation>whatdesk (automático)</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoria</translation>
    </message>
    <message>
        <source>Who exported or anonymized a contact, restored a backup or changed settings, and when. It holds no customer data.</source>
        <translation>Quem exportou ou anonimizou um contato, restaurou um backup ou mudou configurações, e quando. Não guarda dados de clientes.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>Nada registrado ainda.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>‹ Newer</source>
        <translation>‹ Mais recentes</translation>
    </message>
    <message>
        <source>Older ›</source>
        <translation>Mais antigos ›</translation>
    </message>
    <message>
        <source>{first}–{last} of {total}</source>
        <translation>{first}–{last} de {total}</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <source>Passphrase</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Repita a senha</translation>
    </message>
    <message>
        <source>At least 8 characters. Without it the backup cannot be restored: keep it somewhere safe, apart from the backup.</source>
        <translation>Pelo menos 8 caracteres. Sem ela o backup não pode ser restaurado: guarde-a num lugar seguro, separada do backup.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>The passphrase needs at least 8 characters.</source>
        <translation>A senha precisa ter pelo menos 8 caracteres.</translation>
    </message>
    <message>
        <source>Type the backup&apos;s passphrase.</source>
        <translation>Digite a senha do backup.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>As duas senhas não conferem.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>One encrypted file with the database, the media and the flows. Make one now, restore one, or let whatdesk make them on a schedule.</source>
        <translation>Um arquivo criptografado com o banco de dados, as mídias e os fluxos. Faça um agora, restaure um ou deixe o whatdesk fazê-los automaticamente.</translation>
    </message>
    <message>
        <source>Include the WhatsApp sessions (the restored copy comes back connected)</source>
        <translation>Incluir as sessões do WhatsApp (a cópia restaurada volta conectada)</translation>
    </message>
    <message>
        <source>Create backup…</source>
        <translation>Fazer backup…</translation>
    </message>
    <message>
        <source>Check a backup…</source>
        <translation>Conferir um backup…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Restaurar um backup…</translation>
    </message>
    <message>
        <source>Close whatdesk now</source>
        <translation>Fechar o whatdesk agora</translation>
    </message>
    <message>
        <source>Cancel the restore</source>
        <translation>Cancelar a restauração</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligado</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Todo dia</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Toda semana</translation>
    </message>
    <message>
        <source>Choose a folder, ideally on another disk</source>
        <translation>Escolha uma pasta, de preferência em outro disco</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Escolher…</translation>
    </message>
    <message>
        <source>backups</source>
        <translation>backups</translation>
    </message>
    <message>
        <source>Include the WhatsApp sessions</source>
        <translation>Incluir as sessões do WhatsApp</translation>
    </message>
    <message>
        <source>Save schedule</source>
        <translation>Salvar agendamento</translation>
    </message>
    <message>
        <source>Automatic backup</source>
        <translation>Backup automático</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <source>Keep the newest</source>
        <translation>Manter os mais recentes</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Agora</translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation>Backups automáticos</translation>
    </message>
    <message>
        <source>Saved in the system keyring; type to change it</source>
        <translation>Guardada no chaveiro do sistema; digite para trocá-la</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in the database</source>
        <translation>Guardada no chaveiro do sistema, nunca no banco de dados</translation>
    </message>
    <message>
        <source>whatdesk backups (*.wdbackup)</source>
        <translation>Backups do whatdesk (*.wdbackup)</translation>
    </message>
    <message>
        <source>Save the backup as</source>
        <translation>Salvar o backup como</translation>
    </message>
    <message>
        <source>Protect the backup</source>
        <translation>Proteger o backup</translation>
    </message>
    <message>
        <source>Making the backup…</source>
        <translation>Fazendo o backup…</translation>
    </message>
    <message>
        <source>Backup saved: {file} ({size}, {messages} messages, {files} files).</source>
        <translation>Backup salvo: {file} ({size}, {messages} mensagens, {files} arquivos).</translation>
    </message>
    <message>
        <source>Choose the backup to check</source>
        <translation>Escolha o backup a conferir</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>Senha do backup</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Conferindo…</translation>
    </message>
    <message>
        <source>The backup is sound: made {when}, {messages} messages, {files} files.</source>
        <translation>O backup está íntegro: feito em {when}, {messages} mensagens, {files} arquivos.</translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation>Escolha o backup a restaurar</translation>
    </message>
    <message>
        <source>Checking the whole backup…</source>
        <translation>Conferindo o backup inteiro…</translation>
    </message>
    <message>
        <source>Replace all data?</source>
        <translation>Substituir todos os dados?</translation>
    </message>
    <message>
        <source>The backup is sound: made {when}, {messages} messages. Every conversation, contact, flow and media file here will be replaced by the backup&apos;s. The current data is kept until the restore has finished.</source>
        <translation>O backup está íntegro: feito em {when}, {messages} mensagens. Todas as conversas, contatos, fluxos e mídias daqui serão substituídos pelos do backup. Os dados atuais são mantidos até a restauração terminar.</translation>
    </message>
    <message>
        <source>Replace with the backup</source>
        <translation>Substituir pelo backup</translation>
    </message>
    <message>
        <source>Restore cancelled; nothing was changed.</source>
        <translation>Restauração cancelada; nada foi alterado.</translation>
    </message>
    <message>
        <source>Folder for automatic backups</source>
        <translation>Pasta dos backups automáticos</translation>
    </message>
    <message>
        <source>Schedule saved.</source>
        <translation>Agendamento salvo.</translation>
    </message>
    <message>
        <source>Last backup: none yet.</source>
        <translation>Último backup: nenhum ainda.</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automático</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>Last backup: {when}, {kind}, succeeded ({size}) — {file}</source>
        <translation>Último backup: {when}, {kind}, concluído ({size}) — {file}</translation>
    </message>
    <message>
        <source>Last backup: {when}, failed — {reason}</source>
        <translation>Último backup: {when}, falhou — {reason}</translation>
    </message>
    <message>
        <source>Next automatic backup: {when}</source>
        <translation>Próximo backup automático: {when}</translation>
    </message>
    <message>
        <source>Automatic backups are off.</source>
        <translation>Os backups automáticos estão desligados.</translation>
    </message>
    <message>
        <source>Last restore: {when}, from {file}.</source>
        <translation>Última restauração: {when}, de {file}.</translation>
    </message>
    <message>
        <source>Last restore: {when}, failed — {reason}</source>
        <translation>Última restauração: {when}, falhou — {reason}</translation>
    </message>
    <message>
        <source>The backup made {when} is checked and ready. Close whatdesk and open it again to finish the restore; until then nothing changes.</source>
        <translation>O backup feito em {when} foi conferido e está pronto. Feche o whatdesk e abra-o de novo para concluir a restauração; até lá nada muda.</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>Select a conversation on the left to read and answer it.</source>
        <translation>Selecione uma conversa à esquerda para ler e responder.</translation>
    </message>
    <message>
        <source>Go to the newest message</source>
        <translation>Ir para a mensagem mais recente</translation>
    </message>
    <message>
        <source>Saved to contacts: %1</source>
        <translation>Salvo nos contatos: %1</translation>
    </message>
    <message>
        <source>This location has no valid coordinates.</source>
        <translation>Esta localização não tem coordenadas válidas.</translation>
    </message>
    <message>
        <source>The file of this message is not available on this computer.</source>
        <translation>O arquivo desta mensagem não está disponível neste computador.</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Salvar como</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Salvo: %1</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>React</source>
        <translation>Reagir</translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation>Remover minha reação</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copiar texto</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Apagar para todos</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Em atendimento</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <source>Open map</source>
        <translation>Abrir mapa</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Go to the quoted message</source>
        <translation>Ir para a mensagem citada</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Apagar mensagem</translation>
    </message>
    <message>
        <source>Delete this message for everyone? The customer will see “This message was deleted”.</source>
        <translation>Apagar esta mensagem para todos? O cliente verá “Mensagem apagada”.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Private note</source>
        <translation>Nota privada</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Esta mensagem foi apagada</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Unsupported message: open WhatsApp on the phone to see it</source>
        <translation>Mensagem não suportada: abra o WhatsApp no celular para vê-la</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>editada</translation>
    </message>
    <message>
        <source>Not sent.</source>
        <translation>Não enviada.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Add to contacts</source>
        <translation>Adicionar aos contatos</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opções</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Indisponível</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <source>Buttons</source>
        <translation>Botões</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Button reply</source>
        <translation>Resposta de botão</translation>
    </message>
    <message>
        <source>List reply</source>
        <translation>Resposta de lista</translation>
    </message>
    <message>
        <source>Unsupported message</source>
        <translation>Mensagem não suportada</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Segunda-feira</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Terça-feira</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Quarta-feira</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Quinta-feira</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Sexta-feira</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>Accepted by %1</source>
        <translation>Aceito por %1</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceito</translation>
    </message>
    <message>
        <source>Transferred to %1 by %2</source>
        <translation>Transferido para %1 por %2</translation>
    </message>
    <message>
        <source>Transferred to %1</source>
        <translation>Transferido para %1</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferido</translation>
    </message>
    <message>
        <source>Closed by %1</source>
        <translation>Encerrado por %1</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrado</translation>
    </message>
    <message>
        <source>Reopened by %1</source>
        <translation>Reaberto por %1</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reaberto</translation>
    </message>
    <message>
        <source>Bot handed over the conversation</source>
        <translation>O bot passou a conversa para um atendente</translation>
    </message>
    <message>
        <source>Returned to waiting by %1</source>
        <translation>Devolvido à fila por %1</translation>
    </message>
    <message>
        <source>Returned to waiting</source>
        <translation>Devolvido à fila</translation>
    </message>
    <message>
        <source>Handed back to the bot</source>
        <translation>Devolvido ao bot</translation>
    </message>
    <message>
        <source>Opened by %1</source>
        <translation>Aberto por %1</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aberto</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Choose a colour</source>
        <translation>Escolha uma cor</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Cancel reply (Esc)</source>
        <translation>Cancelar resposta (Esc)</translation>
    </message>
    <message>
        <source>Remove the attachments</source>
        <translation>Remover os anexos</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Attach files (or drop them, or paste an image)</source>
        <translation>Anexar arquivos (ou arraste-os, ou cole uma imagem)</translation>
    </message>
    <message>
        <source>Quick replies (type /)</source>
        <translation>Respostas rápidas (digite /)</translation>
    </message>
    <message>
        <source>Private note: only agents see it</source>
        <translation>Nota privada: só os atendentes veem</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Assinar</translation>
    </message>
    <message>
        <source>Start my messages with my name</source>
        <translation>Começar minhas mensagens com meu nome</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Enviar (Enter)</translation>
    </message>
    <message>
        <source>This message can no longer be edited.</source>
        <translation>Esta mensagem não pode mais ser editada.</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Editar mensagem</translation>
    </message>
    <message>
        <source>Private notes cannot carry files; remove them or turn the note off.</source>
        <translation>Notas privadas não levam arquivos; remova-os ou desligue a nota.</translation>
    </message>
    <message>
        <source>Not edited: {error}</source>
        <translation>Não editada: {error}</translation>
    </message>
    <message>
        <source>Not sent: {error}</source>
        <translation>Não enviada: {error}</translation>
    </message>
    <message>
        <source>A message was not sent: {error}</source>
        <translation>Uma mensagem não foi enviada: {error}</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Anexar arquivos</translation>
    </message>
    <message>
        <source>Choose a conversation to reply.</source>
        <translation>Escolha uma conversa para responder.</translation>
    </message>
    <message>
        <source>Accept to reply</source>
        <translation>Aceite para responder</translation>
    </message>
    <message>
        <source>This conversation is closed. Reopen it to reply.</source>
        <translation>Esta conversa está encerrada. Reabra-a para responder.</translation>
    </message>
    <message>
        <source>Private note (only agents see it)</source>
        <translation>Nota privada (só os atendentes veem)</translation>
    </message>
    <message>
        <source>Type a message</source>
        <translation>Digite uma mensagem</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s): {names} — the text is the caption</source>
        <translation>
            <numerusform>%n arquivo: {names} — o texto vai como legenda</numerusform>
            <numerusform>%n arquivos: {names} — o texto vai como legenda</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Monday</source>
        <translation>Segunda-feira</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Terça-feira</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Quarta-feira</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Quinta-feira</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Sexta-feira</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Nova conexão</translation>
    </message>
    <message>
        <source>Edit connection</source>
        <translation>Editar conexão</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation>Horário de atendimento</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>e.g. Sales, Support, Store downtown</source>
        <translation>ex.: Vendas, Suporte, Loja Centro</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Test sandbox</source>
        <translation>Sandbox de testes</translation>
    </message>
    <message>
        <source>The channel cannot be changed after the connection is created.</source>
        <translation>O canal não pode ser mudado depois que a conexão é criada.</translation>
    </message>
    <message>
        <source>Default connection (used to start new conversations)</source>
        <translation>Conexão padrão (usada para iniciar novas conversas)</translation>
    </message>
    <message>
        <source> messages/min</source>
        <translation> mensagens/min</translation>
    </message>
    <message>
        <source>Most messages sent to one contact per minute</source>
        <translation>Máximo de mensagens enviadas a um contato por minuto</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Shortest pause between two messages of this connection</source>
        <translation>Menor pausa entre duas mensagens desta conexão</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Limit per contact</source>
        <translation>Limite por contato</translation>
    </message>
    <message>
        <source>Minimum gap</source>
        <translation>Intervalo mínimo</translation>
    </message>
    <message>
        <source>Sending too fast can get a number blocked by WhatsApp. Messages above these limits wait in the queue; none are lost.</source>
        <translation>Enviar rápido demais pode fazer o WhatsApp bloquear o número. Mensagens acima destes limites esperam na fila; nenhuma se perde.</translation>
    </message>
    <message>
        <source>Welcome flow</source>
        <translation>Fluxo de boas-vindas</translation>
    </message>
    <message>
        <source>Sent when a customer starts a conversation (optional)</source>
        <translation>Enviada quando um cliente inicia uma conversa (opcional)</translation>
    </message>
    <message>
        <source>Sent when a ticket is closed (optional)</source>
        <translation>Enviada quando um atendimento é encerrado (opcional)</translation>
    </message>
    <message>
        <source>Sent outside business hours (optional)</source>
        <translation>Enviada fora do horário de atendimento (opcional)</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Saudação</translation>
    </message>
    <message>
        <source>Farewell</source>
        <translation>Despedida</translation>
    </message>
    <message>
        <source>Out of hours</source>
        <translation>Fora do horário</translation>
    </message>
    <message>
        <source>Only attend during business hours</source>
        <translation>Atender somente no horário de atendimento</translation>
    </message>
    <message>
        <source>Unchecked: the connection attends at any time</source>
        <translation>Desmarcado: a conexão atende a qualquer hora</translation>
    </message>
    <message>
        <source>Timezone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>None: send the greeting and wait for an agent</source>
        <translation>Nenhum: enviar a saudação e aguardar um atendente</translation>
    </message>
    <message>
        <source>(flow not published)</source>
        <translation>(fluxo não publicado)</translation>
    </message>
    <message>
        <source>The chatbot flow every new conversation starts (keyword triggers of other flows come first). Only published flows are listed.</source>
        <translation>O fluxo de chatbot que toda nova conversa inicia (gatilhos por palavra-chave de outros fluxos vêm antes). Só fluxos publicados aparecem aqui.</translation>
    </message>
    <message>
        <source>No chatbot flow is published yet. Until there is one, new conversations get the greeting below and wait for an agent.</source>
        <translation>Nenhum fluxo de chatbot foi publicado ainda. Enquanto não houver um, as novas conversas recebem a saudação abaixo e aguardam um atendente.</translation>
    </message>
    <message>
        <source>Give the connection a name.</source>
        <translation>Dê um nome à conexão.</translation>
    </message>
    <message>
        <source>Unknown timezone. Pick one from the list, e.g. America/Sao_Paulo.</source>
        <translation>Fuso horário desconhecido. Escolha um da lista, ex.: America/Sao_Paulo.</translation>
    </message>
    <message>
        <source>Closing time must be after opening time.</source>
        <translation>O fechamento deve ser depois da abertura.</translation>
    </message>
    <message>
        <source>Open at least one day, or uncheck business hours.</source>
        <translation>Abra pelo menos um dia ou desmarque o horário de atendimento.</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Waiting for the QR code to be scanned</source>
        <translation>Aguardando leitura do QR</translation>
    </message>
    <message>
        <source>Waiting for the pairing code on the phone</source>
        <translation>Aguardando o código de pareamento no celular</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>The code expired — link again</source>
        <translation>O código expirou — vincule de novo</translation>
    </message>
    <message>
        <source>No internet</source>
        <translation>Sem internet</translation>
    </message>
    <message>
        <source>WhatsApp unreachable</source>
        <translation>WhatsApp inacessível</translation>
    </message>
    <message>
        <source>{head} — trying again now</source>
        <translation>{head} — tentando de novo agora</translation>
    </message>
    <message>
        <source>{head} — retrying in {seconds} s</source>
        <translation>{head} — nova tentativa em {seconds} s</translation>
    </message>
    <message>
        <source>Logged out — link again</source>
        <translation>Conta desconectada — vincule de novo</translation>
    </message>
    <message>
        <source>Unlinked on the phone</source>
        <translation>Desvinculado pelo celular</translation>
    </message>
    <message>
        <source>Session locked</source>
        <translation>Sessão bloqueada</translation>
    </message>
    <message>
        <source>Not linked yet</source>
        <translation>Ainda não vinculada</translation>
    </message>
    <message>
        <source>No connections yet — add one under Connections</source>
        <translation>Nenhuma conexão ainda — adicione uma em Conexões</translation>
    </message>
    <message>
        <source>1 connection</source>
        <translation>1 conexão</translation>
    </message>
    <message>
        <source>{n} connections</source>
        <translation>{n} conexões</translation>
    </message>
    <message>
        <source>1 connected</source>
        <translation>1 conectada</translation>
    </message>
    <message>
        <source>{n} connected</source>
        <translation>{n} conectada(s)</translation>
    </message>
    <message>
        <source>1 waiting for QR</source>
        <translation>1 aguardando QR</translation>
    </message>
    <message>
        <source>{n} waiting for QR</source>
        <translation>{n} aguardando QR</translation>
    </message>
    <message>
        <source>1 reconnecting</source>
        <translation>1 reconectando</translation>
    </message>
    <message>
        <source>{n} reconnecting</source>
        <translation>{n} reconectando</translation>
    </message>
    <message>
        <source>1 needs a new link</source>
        <translation>1 precisa ser vinculada de novo</translation>
    </message>
    <message>
        <source>{n} need a new link</source>
        <translation>{n} precisa(m) ser vinculada(s) de novo</translation>
    </message>
    <message>
        <source>1 not linked yet</source>
        <translation>1 ainda não vinculada</translation>
    </message>
    <message>
        <source>{n} not linked yet</source>
        <translation>{n} ainda não vinculadas</translation>
    </message>
    <message>
        <source>1 stopped</source>
        <translation>1 parada</translation>
    </message>
    <message>
        <source>{n} stopped</source>
        <translation>{n} parada(s)</translation>
    </message>
    <message>
        <source>{head}: {parts}</source>
        <translation>{head}: {parts}</translation>
    </message>
    <message>
        <source>Test sandbox</source>
        <translation>Sandbox de testes</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
</context>
<context>
    <name>ConnectionsPage</name>
    <message>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <source>WhatsApp accounts this computer serves. Link each one by scanning a QR code with the phone.</source>
        <translation>Contas de WhatsApp atendidas neste computador. Vincule cada uma lendo um QR code com o celular.</translation>
    </message>
    <message>
        <source>No connections yet.
Click “Add connection” to link a WhatsApp account.</source>
        <translation>Nenhuma conexão ainda.
Clique em “Adicionar conexão” para vincular uma conta de WhatsApp.</translation>
    </message>
    <message>
        <source>Add connection</source>
        <translation>Adicionar conexão</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Link by QR code</source>
        <translation>Vincular por QR</translation>
    </message>
    <message>
        <source>Link by phone number</source>
        <translation>Vincular por número</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Desconectar</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconectar</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Sair da conta</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>Desbloquear…</translation>
    </message>
    <message>
        <source>Open the locked session with the passphrase it was saved with</source>
        <translation>Abrir a sessão bloqueada com a frase-senha com que ela foi salva</translation>
    </message>
    <message>
        <source>Link again…</source>
        <translation>Vincular de novo…</translation>
    </message>
    <message>
        <source>Keep the locked session aside and link this connection with a new QR code</source>
        <translation>Guardar à parte a sessão bloqueada e vincular esta conexão com um novo QR code</translation>
    </message>
    <message>
        <source>Unlink this computer from the WhatsApp account</source>
        <translation>Desvincular este computador da conta de WhatsApp</translation>
    </message>
    <message>
        <source>Stop this connection until you reconnect it</source>
        <translation>Parar esta conexão até você reconectá-la</translation>
    </message>
    <message>
        <source>The WhatsApp sessions are stored unencrypted: anyone who copies the data folder can read and send messages as your business.</source>
        <translation>As sessões do WhatsApp estão guardadas sem criptografia: quem copiar a pasta de dados pode ler e enviar mensagens como a sua empresa.</translation>
    </message>
    <message>
        <source>Connection “{name}” created. Link it to start serving customers.</source>
        <translation>Conexão “{name}” criada. Vincule-a para começar a atender.</translation>
    </message>
    <message>
        <source>Connection “{name}” saved.</source>
        <translation>Conexão “{name}” salva.</translation>
    </message>
    <message>
        <source>“{name}” is connected.</source>
        <translation>“{name}” está conectada.</translation>
    </message>
    <message>
        <source>“{name}” unlocked.</source>
        <translation>“{name}” desbloqueada.</translation>
    </message>
    <message>
        <source>Link again</source>
        <translation>Vincular de novo</translation>
    </message>
    <message>
        <source>Link “{name}” again with a new QR code? The locked session is kept in the data folder, renamed, in case its key turns up.</source>
        <translation>Vincular “{name}” de novo com um novo QR code? A sessão bloqueada fica guardada na pasta de dados, com outro nome, caso a chave dela apareça.</translation>
    </message>
    <message>
        <source>Log out “{name}” from WhatsApp? You will need to scan a new QR code to use it again.</source>
        <translation>Sair da conta “{name}” no WhatsApp? Para usá-la de novo será preciso ler um novo QR code.</translation>
    </message>
    <message>
        <source>Connection “{name}” deleted, but WhatsApp could not be reached to unlink it: on the phone, open Linked devices and remove this computer.</source>
        <translation>Conexão “{name}” excluída, mas não foi possível falar com o WhatsApp para desvinculá-la: no celular, abra Aparelhos conectados e remova este computador.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>Excluir conexão</translation>
    </message>
    <message>
        <source>Delete the connection “{name}”? It will be disconnected and removed from this computer.</source>
        <translation>Excluir a conexão “{name}”? Ela será desconectada e removida deste computador.</translation>
    </message>
    <message>
        <source>Also delete its conversations</source>
        <translation>Apagar também as conversas</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Connection “{name}” deleted.</source>
        <translation>Conexão “{name}” excluída.</translation>
    </message>
</context>
<context>
    <name>ContactList</name>
    <message>
        <source>Anonymized (LGPD)</source>
        <translation>Anonimizado (LGPD)</translation>
    </message>
    <message>
        <source>Tags: {names}</source>
        <translation>Etiquetas: {names}</translation>
    </message>
    <message>
        <source>Last conversation: {when}</source>
        <translation>Última conversa: {when}</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqueado</translation>
    </message>
</context>
<context>
    <name>ContactPanel</name>
    <message>
        <source>With the bot</source>
        <translation>Com o robô</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Em atendimento</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrado</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Cartão de contato</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Click to edit</source>
        <translation>Clique para editar</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Remover etiqueta</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>Remover campo</translation>
    </message>
    <message>
        <source>Add a value</source>
        <translation>Adicionar um valor</translation>
    </message>
    <message>
        <source>this conversation</source>
        <translation>esta conversa</translation>
    </message>
    <message>
        <source>Hide contact info</source>
        <translation>Ocultar dados do contato</translation>
    </message>
    <message>
        <source>Contact info</source>
        <translation>Dados do contato</translation>
    </message>
    <message>
        <source>Add a name</source>
        <translation>Adicionar um nome</translation>
    </message>
    <message>
        <source>Blocked: no bot and no notifications; anything that still arrives is kept</source>
        <translation>Bloqueado: sem robô e sem notificações; o que ainda chegar fica guardado</translation>
    </message>
    <message>
        <source>Blocking also blocks the number on WhatsApp: they can no longer write to you. Anything that still arrives is stored, but gets no bot and raises no notification.</source>
        <translation>Bloquear também bloqueia o número no WhatsApp: a pessoa não consegue mais escrever para você. O que ainda chegar é guardado, mas não recebe o robô nem gera notificação.</translation>
    </message>
    <message>
        <source>Personal data (LGPD)</source>
        <translation>Dados pessoais (LGPD)</translation>
    </message>
    <message>
        <source>Export data (LGPD)…</source>
        <translation>Exportar dados (LGPD)…</translation>
    </message>
    <message>
        <source>Save everything stored about this contact in a .zip file: profile, conversations, messages, notes, tags, flow answers and files.</source>
        <translation>Grava num arquivo .zip tudo o que há sobre este contato: perfil, conversas, mensagens, notas, etiquetas, respostas de fluxos e arquivos.</translation>
    </message>
    <message>
        <source>Anonymize…</source>
        <translation>Anonimizar…</translation>
    </message>
    <message>
        <source>WhatsApp refused to block the number. It stays blocked in whatdesk only.</source>
        <translation>O WhatsApp recusou o bloqueio do número. Ele continua bloqueado só no whatdesk.</translation>
    </message>
    <message>
        <source>WhatsApp refused to unblock the number. Unblock it on the phone.</source>
        <translation>O WhatsApp recusou o desbloqueio do número. Desbloqueie-o no celular.</translation>
    </message>
    <message>
        <source>The connection is offline: the number is blocked in whatdesk now and on WhatsApp as soon as the connection is back.</source>
        <translation>A conexão está offline: o número já está bloqueado no whatdesk e será bloqueado no WhatsApp assim que a conexão voltar.</translation>
    </message>
    <message>
        <source>The connection is offline: the number is unblocked in whatdesk now and on WhatsApp as soon as the connection is back.</source>
        <translation>A conexão está offline: o número já está desbloqueado no whatdesk e será desbloqueado no WhatsApp assim que a conexão voltar.</translation>
    </message>
    <message>
        <source>Blocked on WhatsApp too.</source>
        <translation>Bloqueado também no WhatsApp.</translation>
    </message>
    <message>
        <source>Unblocked on WhatsApp too.</source>
        <translation>Desbloqueado também no WhatsApp.</translation>
    </message>
    <message>
        <source>Blocked in whatdesk (no WhatsApp conversation to block yet).</source>
        <translation>Bloqueado no whatdesk (ainda não há conversa no WhatsApp para bloquear).</translation>
    </message>
    <message>
        <source>Unblocked.</source>
        <translation>Desbloqueado.</translation>
    </message>
    <message>
        <source>Details: {reason}</source>
        <translation>Detalhes: {reason}</translation>
    </message>
    <message>
        <source>Export the contact&apos;s data</source>
        <translation>Exportar os dados do contato</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Arquivos zip (*.zip)</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exportado para {path}</translation>
    </message>
    <message>
        <source>Anonymize {name}? Their name and number are replaced, every message text, note, flow answer and file of theirs is erased and open conversations are closed. The conversations are still counted in the statistics. This cannot be undone.</source>
        <translation>Anonimizar {name}? O nome e o número são substituídos, todos os textos de mensagens, notas, respostas de fluxos e arquivos do contato são apagados e as conversas abertas são encerradas. As conversas continuam contadas nas estatísticas. Isto não pode ser desfeito.</translation>
    </message>
    <message>
        <source>Anonymize contact</source>
        <translation>Anonimizar contato</translation>
    </message>
    <message>
        <source>Anonymize</source>
        <translation>Anonimizar</translation>
    </message>
    <message>
        <source>The contact was anonymized.</source>
        <translation>O contato foi anonimizado.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Add an e-mail</source>
        <translation>Adicionar um e-mail</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>+ Add field</source>
        <translation>+ Adicionar campo</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Add a tag…</source>
        <translation>Adicionar etiqueta…</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Notes about this customer, seen by every agent</source>
        <translation>Notas sobre este cliente, visíveis para todos os atendentes</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <source>Open a conversation to see who the customer is: number, e-mail, tags, notes and earlier conversations.</source>
        <translation>Abra uma conversa para ver quem é o cliente: número, e-mail, etiquetas, notas e conversas anteriores.</translation>
    </message>
    <message>
        <source>Anonymized (LGPD)</source>
        <translation>Anonimizado (LGPD)</translation>
    </message>
    <message>
        <source>Anonymize {name}…</source>
        <translation>Anonimizar {name}…</translation>
    </message>
    <message>
        <source>Unblock {name}</source>
        <translation>Desbloquear {name}</translation>
    </message>
    <message>
        <source>Block {name}</source>
        <translation>Bloquear {name}</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>Nenhuma conversa ainda</translation>
    </message>
    <message>
        <source>no agent</source>
        <translation>sem atendente</translation>
    </message>
    <message>
        <source>(no messages)</source>
        <translation>(sem mensagens)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Nota privada</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>(message deleted)</source>
        <translation>(mensagem apagada)</translation>
    </message>
    <message>
        <source>There is already a field “{name}”.</source>
        <translation>Já existe um campo “{name}”.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Salvo</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>New conversation</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <source>Write to this contact (their open conversation when there is one)</source>
        <translation>Escrever para este contato (na conversa aberta dele, se houver)</translation>
    </message>
    <message>
        <source>Select a contact to see their number, e-mail, tags, notes and conversations, edit them, or write to them.</source>
        <translation>Selecione um contato para ver o número, o e-mail, as etiquetas, as notas e as conversas, editá-los ou escrever para ele.</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatos</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Adicionar contato</translation>
    </message>
    <message>
        <source>Add a customer by name and phone number</source>
        <translation>Adicionar um cliente pelo nome e número de telefone</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Add many contacts from a CSV file (name, phone, e-mail) or a vCard (.vcf) file exported from a phone or Google Contacts</source>
        <translation>Adicionar vários contatos de um arquivo CSV (nome, telefone, e-mail) ou vCard (.vcf) exportado de um celular ou do Google Contatos</translation>
    </message>
    <message>
        <source>Search by name, number or e-mail</source>
        <translation>Pesquisar por nome, número ou e-mail</translation>
    </message>
    <message>
        <source>Show contacts with this tag</source>
        <translation>Mostrar os contatos com esta etiqueta</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Todas as etiquetas</translation>
    </message>
    <message>
        <source>Order of the list</source>
        <translation>Ordem da lista</translation>
    </message>
    <message>
        <source>Name (A–Z)</source>
        <translation>Nome (A–Z)</translation>
    </message>
    <message>
        <source>Last conversation</source>
        <translation>Última conversa</translation>
    </message>
    <message>
        <source>This contact has no phone number to write to</source>
        <translation>Este contato não tem um número de telefone para escrever</translation>
    </message>
    <message>
        <source>Unblock this contact to write to them</source>
        <translation>Desbloqueie este contato para escrever para ele</translation>
    </message>
    <message>
        <source>No contact found</source>
        <translation>Nenhum contato encontrado</translation>
    </message>
    <message>
        <source>No contact matches this search or tag. Search looks at names, numbers and e-mails.</source>
        <translation>Nenhum contato corresponde a esta pesquisa ou etiqueta. A pesquisa olha nomes, números e e-mails.</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Limpar pesquisa</translation>
    </message>
    <message>
        <source>No contacts yet</source>
        <translation>Nenhum contato ainda</translation>
    </message>
    <message>
        <source>Customers who write to you appear here. You can also add one yourself.</source>
        <translation>Os clientes que escrevem para você aparecem aqui. Você também pode adicionar um.</translation>
    </message>
    <message>
        <source>{name} was added.</source>
        <translation>{name} foi adicionado(a).</translation>
    </message>
    <message>
        <source>{name} was already in your contacts with this number.</source>
        <translation>{name} já estava nos seus contatos com este número.</translation>
    </message>
    <message>
        <source>This number already belongs to a contact of another queue.</source>
        <translation>Este número já pertence a um contato de outra fila.</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>Importar contatos</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.vcf)</source>
        <translation>Contatos (*.csv *.vcf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Import finished: {added} added, {completed} completed, {unchanged} already up to date.</source>
        <translation>Importação concluída: {added} adicionados, {completed} completados, {unchanged} já atualizados.</translation>
    </message>
</context>
<context>
    <name>DetailsExpander</name>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
</context>
<context>
    <name>EmojiPicker</name>
    <message>
        <source>Search emoji</source>
        <translation>Buscar emoji</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>Enter a value.</source>
        <translation>Informe um valor.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>Informe um número inteiro.</translation>
    </message>
    <message>
        <source>Enter a number (e.g. 2.5).</source>
        <translation>Informe um número (ex.: 2,5).</translation>
    </message>
    <message>
        <source>{value} (unknown)</source>
        <translation>{value} (desconhecido)</translation>
    </message>
    <message>
        <source>variable_name</source>
        <translation>nome_da_variavel</translation>
    </message>
    <message>
        <source>Use letters, digits and _ only, starting with a letter (e.g. customer_name).</source>
        <translation>Use só letras, números e _, começando por uma letra (ex.: nome_cliente).</translation>
    </message>
    <message>
        <source>e.g. ^[0-9]{5}-?[0-9]{3}$</source>
        <translation>ex.: ^[0-9]{5}-?[0-9]{3}$</translation>
    </message>
    <message>
        <source>Very large expression: it may slow down every answer.</source>
        <translation>Expressão muito grande: pode deixar cada resposta lenta.</translation>
    </message>
    <message>
        <source>e.g. America/Sao_Paulo</source>
        <translation>ex.: America/Sao_Paulo</translation>
    </message>
    <message>
        <source>Unknown timezone (e.g. America/Sao_Paulo).</source>
        <translation>Fuso horário desconhecido (ex.: America/Sao_Paulo).</translation>
    </message>
    <message>
        <source>separate with commas</source>
        <translation>separe com vírgulas</translation>
    </message>
    <message>
        <source>e.g. 25/12/2026, 01/01/2027</source>
        <translation>ex.: 25/12/2026, 01/01/2027</translation>
    </message>
    <message>
        <source>Not a date: {item} (use DD/MM/YYYY).</source>
        <translation>Data inválida: {item} (use DD/MM/AAAA).</translation>
    </message>
</context>
<context>
    <name>FileEditorWindow</name>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>{path} · {errors} errors, {warnings} warnings</source>
        <translation>{path} · {errors} erros, {warnings} avisos</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Não foi possível gravar {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvo.</translation>
    </message>
    <message>
        <source>Save the changes to {name}?</source>
        <translation>Salvar as alterações em {name}?</translation>
    </message>
</context>
<context>
    <name>FlowEditor</name>
    <message>
        <source>Find in this flow</source>
        <translation>Localizar neste fluxo</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Resultado anterior (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Próximo resultado (Enter)</translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation>Fechar a busca (Esc)</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Nenhum resultado</translation>
    </message>
    <message>
        <source>{index} of {total}</source>
        <translation>{index} de {total}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Aproximar</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Afastar</translation>
    </message>
    <message>
        <source>Fit the flow in view (Ctrl+0)</source>
        <translation>Ajustar o fluxo à tela (Ctrl+0)</translation>
    </message>
    <message>
        <source>Zoom to 100% (Ctrl+1)</source>
        <translation>Zoom em 100% (Ctrl+1)</translation>
    </message>
    <message>
        <source>Find (Ctrl+F)</source>
        <translation>Localizar (Ctrl+F)</translation>
    </message>
    <message>
        <source>Arrange automatically</source>
        <translation>Organizar automaticamente</translation>
    </message>
    <message>
        <source>Add a sticky note</source>
        <translation>Adicionar nota</translation>
    </message>
    <message>
        <source>Frame the selection in a group</source>
        <translation>Agrupar a seleção em um quadro</translation>
    </message>
    <message>
        <source>Snap to grid</source>
        <translation>Alinhar à grade</translation>
    </message>
    <message>
        <source>Show the minimap</source>
        <translation>Mostrar o minimapa</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Recortar</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Colar</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Selecionar tudo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>Somente leitura</translation>
    </message>
    <message>
        <source>This flow already has that node.</source>
        <translation>Este fluxo já tem esse nó.</translation>
    </message>
    <message>
        <source>Add {node}</source>
        <translation>Adicionar {node}</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Adicionar nota</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>Adicionar grupo</translation>
    </message>
    <message>
        <source>Nothing to paste.</source>
        <translation>Nada para colar.</translation>
    </message>
    <message>
        <source>Connect nodes</source>
        <translation>Ligar nós</translation>
    </message>
    <message>
        <source>Resize note</source>
        <translation>Redimensionar nota</translation>
    </message>
    <message>
        <source>Search nodes</source>
        <translation>Buscar nós</translation>
    </message>
    <message>
        <source>Add a node…</source>
        <translation>Adicionar um nó…</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Editar nota</translation>
    </message>
</context>
<context>
    <name>FlowHistory</name>
    <message>
        <source>The draft is the same as this version (only positions differ).</source>
        <translation>O rascunho é igual a esta versão (só as posições mudaram).</translation>
    </message>
    <message>
        <source>The draft is the same as this version.</source>
        <translation>O rascunho é igual a esta versão.</translation>
    </message>
    <message>
        <source>1 node added</source>
        <translation>1 nó adicionado</translation>
    </message>
    <message>
        <source>{n} nodes added</source>
        <translation>{n} nós adicionados</translation>
    </message>
    <message>
        <source>1 node removed</source>
        <translation>1 nó removido</translation>
    </message>
    <message>
        <source>{n} nodes removed</source>
        <translation>{n} nós removidos</translation>
    </message>
    <message>
        <source>1 node changed</source>
        <translation>1 nó alterado</translation>
    </message>
    <message>
        <source>{n} nodes changed</source>
        <translation>{n} nós alterados</translation>
    </message>
    <message>
        <source>1 connection added</source>
        <translation>1 ligação adicionada</translation>
    </message>
    <message>
        <source>{n} connections added</source>
        <translation>{n} ligações adicionadas</translation>
    </message>
    <message>
        <source>1 connection removed</source>
        <translation>1 ligação removida</translation>
    </message>
    <message>
        <source>{n} connections removed</source>
        <translation>{n} ligações removidas</translation>
    </message>
    <message>
        <source>settings changed ({names})</source>
        <translation>configurações alteradas ({names})</translation>
    </message>
    <message>
        <source>notes changed</source>
        <translation>notas alteradas</translation>
    </message>
    <message>
        <source>The draft, compared with this version: {parts}.</source>
        <translation>O rascunho, comparado com esta versão: {parts}.</translation>
    </message>
    <message>
        <source>History of “{name}”</source>
        <translation>Histórico de “{name}”</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicado em</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Not published yet: each publish adds a version here, with its author and note.</source>
        <translation>Ainda não publicado: cada publicação adiciona aqui uma versão, com autor e nota.</translation>
    </message>
    <message>
        <source>Open (read-only)</source>
        <translation>Abrir (somente leitura)</translation>
    </message>
    <message>
        <source>Compare with the draft</source>
        <translation>Comparar com o rascunho</translation>
    </message>
    <message>
        <source>Restore as the draft…</source>
        <translation>Restaurar como rascunho…</translation>
    </message>
    <message>
        <source>v{n}: </source>
        <translation>v{n}: </translation>
    </message>
    <message>
        <source>Restore version</source>
        <translation>Restaurar versão</translation>
    </message>
    <message>
        <source>Make version {n} the draft of “{name}”? The current draft is replaced (Undo brings it back). Nothing is published until you publish.</source>
        <translation>Tornar a versão {n} o rascunho de “{name}”? O rascunho atual é substituído (Desfazer o traz de volta). Nada é publicado até você publicar.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Version {n} of “{name}” is the draft now.</source>
        <translation>A versão {n} de “{name}” agora é o rascunho.</translation>
    </message>
    <message>
        <source>Version {n} restored as the draft.</source>
        <translation>Versão {n} restaurada como rascunho.</translation>
    </message>
</context>
<context>
    <name>FlowWorkbench</name>
    <message>
        <source>Properties</source>
        <translation>Propriedades</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variáveis</translation>
    </message>
    <message>
        <source>Test chat</source>
        <translation>Testar</translation>
    </message>
</context>
<context>
    <name>FlowsPage</name>
    <message>
        <source>Draft (never published)</source>
        <translation>Rascunho (nunca publicado)</translation>
    </message>
    <message>
        <source>Published v{n} · draft changed</source>
        <translation>Publicado v{n} · rascunho alterado</translation>
    </message>
    <message>
        <source>Published v{n}</source>
        <translation>Publicado v{n}</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 erro</translation>
    </message>
    <message>
        <source>{n} errors</source>
        <translation>{n} erros</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 aviso</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} avisos</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <source>“{keyword}” (exact)</source>
        <translation>“{keyword}” (exata)</translation>
    </message>
    <message>
        <source>New flow</source>
        <translation>Novo fluxo</translation>
    </message>
    <message>
        <source>Welcome, Sales, After hours…</source>
        <translation>Boas-vindas, Vendas, Fora do horário…</translation>
    </message>
    <message>
        <source>Blank flow (just a Start node)</source>
        <translation>Fluxo em branco (só o nó Início)</translation>
    </message>
    <message>
        <source>Example: {name}</source>
        <translation>Exemplo: {name}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Começar de</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Criar</translation>
    </message>
    <message>
        <source>Give the flow a name.</source>
        <translation>Dê um nome ao fluxo.</translation>
    </message>
    <message>
        <source>Publish “{name}”</source>
        <translation>Publicar “{name}”</translation>
    </message>
    <message>
        <source>New conversations will use this version. Conversations already running finish on the version they started with.</source>
        <translation>As novas conversas usarão esta versão. As conversas em andamento terminam na versão em que começaram.</translation>
    </message>
    <message>
        <source>What changed? (optional)</source>
        <translation>O que mudou? (opcional)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publicar</translation>
    </message>
    <message>
        <source>Not published</source>
        <translation>Não publicado</translation>
    </message>
    <message>
        <source>“{name}” was not published: fix these errors first (the flow cannot run with them).</source>
        <translation>“{name}” não foi publicado: corrija primeiro estes erros (o fluxo não roda com eles).</translation>
    </message>
    <message>
        <source>Keyword triggers of “{name}”</source>
        <translation>Palavras-chave de “{name}”</translation>
    </message>
    <message>
        <source>A new conversation whose first message matches a keyword starts this flow instead of the connection&apos;s welcome flow. Case and accents are ignored. Changes apply when the flow is published.</source>
        <translation>Uma conversa nova cuja primeira mensagem corresponde a uma palavra-chave começa este fluxo em vez do fluxo de boas-vindas da conexão. Maiúsculas e acentos são ignorados. As mudanças valem quando o fluxo for publicado.</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Palavra-chave</translation>
    </message>
    <message>
        <source>Matches when the message</source>
        <translation>Vale quando a mensagem</translation>
    </message>
    <message>
        <source>Add keyword</source>
        <translation>Adicionar palavra-chave</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>contains it</source>
        <translation>contém a palavra</translation>
    </message>
    <message>
        <source>is exactly it</source>
        <translation>é exatamente ela</translation>
    </message>
    <message>
        <source>Welcome flows</source>
        <translation>Fluxos de boas-vindas</translation>
    </message>
    <message>
        <source>Every new conversation on a connection starts its welcome flow (keyword triggers of other flows come first). Only published flows are listed.</source>
        <translation>Toda conversa nova numa conexão começa o fluxo de boas-vindas dela (as palavras-chave de outros fluxos vêm antes). Só fluxos publicados aparecem.</translation>
    </message>
    <message>
        <source>None: wait for an agent</source>
        <translation>Nenhum: aguardar um atendente</translation>
    </message>
    <message>
        <source>No connections yet: link a WhatsApp account under Connections.</source>
        <translation>Nenhuma conexão ainda: vincule uma conta de WhatsApp em Conexões.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Alterações não salvas</translation>
    </message>
    <message>
        <source>“{name}” has changes that were not saved (whatdesk closed before saving them). Restore them?</source>
        <translation>“{name}” tem alterações que não foram salvas (o whatdesk fechou antes de salvá-las). Restaurar?</translation>
    </message>
    <message>
        <source>Restore changes</source>
        <translation>Restaurar alterações</translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>← Flows</source>
        <translation>← Fluxos</translation>
    </message>
    <message>
        <source>Analytics: off</source>
        <translation>Estatísticas: desligadas</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 dias</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Histórico…</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>Publicar…</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>Rascunho salvo</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Não salvo: {reason}</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>Editando…</translation>
    </message>
    <message>
        <source>No conversation went through the published flow in this period.</source>
        <translation>Nenhuma conversa passou pelo fluxo publicado neste período.</translation>
    </message>
    <message>
        <source>1 conversation in this period</source>
        <translation>1 conversa neste período</translation>
    </message>
    <message>
        <source>{n} conversations in this period</source>
        <translation>{n} conversas neste período</translation>
    </message>
    <message>
        <source>The flow editor is not part of this build.</source>
        <translation>O editor de fluxos não faz parte desta versão.</translation>
    </message>
    <message>
        <source>{name} — version {n} (read-only)</source>
        <translation>{name} — versão {n} (somente leitura)</translation>
    </message>
    <message>
        <source>“{name}” imported as a draft.</source>
        <translation>“{name}” importado como rascunho.</translation>
    </message>
    <message>
        <source>“{name}” published as version {n}.</source>
        <translation>“{name}” publicado como versão {n}.</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Fluxos</translation>
    </message>
    <message>
        <source>Chatbot flows greet new conversations, ask what the customer needs and hand them to the right queue. Edit a draft, then publish it.</source>
        <translation>Fluxos de chatbot recebem as conversas novas, perguntam o que o cliente precisa e as passam para a fila certa. Edite um rascunho e depois publique.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Welcome flow of</source>
        <translation>Boas-vindas de</translation>
    </message>
    <message>
        <source>Keyword triggers</source>
        <translation>Palavras-chave</translation>
    </message>
    <message>
        <source>Last edit</source>
        <translation>Última edição</translation>
    </message>
    <message>
        <source>No flows yet. A flow answers new conversations by itself: it greets, asks what the customer needs and hands over to a queue.</source>
        <translation>Nenhum fluxo ainda. Um fluxo atende as conversas novas sozinho: cumprimenta, pergunta o que o cliente precisa e passa para uma fila.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mais</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>Keyword triggers…</source>
        <translation>Palavras-chave…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Welcome flows…</source>
        <translation>Fluxos de boas-vindas…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Import a .wdflow.json file…</source>
        <translation>Importar um arquivo .wdflow.json…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Rename flow</source>
        <translation>Renomear fluxo</translation>
    </message>
    <message>
        <source>Copy “{name}” created.</source>
        <translation>Cópia “{name}” criada.</translation>
    </message>
    <message>
        <source>Delete flow</source>
        <translation>Excluir fluxo</translation>
    </message>
    <message>
        <source>Delete the flow “{name}”? Conversations already on it finish on their version; nothing else starts it.</source>
        <translation>Excluir o fluxo “{name}”? As conversas que já estão nele terminam na versão delas; nada mais o inicia.</translation>
    </message>
    <message>
        <source>Import a flow</source>
        <translation>Importar um fluxo</translation>
    </message>
    <message>
        <source>whatdesk flows (*.wdflow.json *.json)</source>
        <translation>Fluxos do whatdesk (*.wdflow.json *.json)</translation>
    </message>
    <message>
        <source>Export the flow</source>
        <translation>Exportar o fluxo</translation>
    </message>
    <message>
        <source>whatdesk flows (*.wdflow.json)</source>
        <translation>Fluxos do whatdesk (*.wdflow.json)</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exportado para {path}.</translation>
    </message>
</context>
<context>
    <name>HoursEditor</name>
    <message>
        <source>The connection&apos;s hours</source>
        <translation>O horário da conexão</translation>
    </message>
    <message>
        <source>These hours:</source>
        <translation>Este horário:</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fechado</translation>
    </message>
    <message>
        <source>Use times like 09:00–12:00, 13:00–18:00.</source>
        <translation>Use horários como 09:00–12:00, 13:00–18:00.</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import contacts</source>
        <translation>Importar contatos</translation>
    </message>
    <message>
        <source>The file is larger than 5 MB. Split it into smaller files.</source>
        <translation>O arquivo tem mais de 5 MB. Divida-o em arquivos menores.</translation>
    </message>
    <message>
        <source>The file has more than {n} contacts. Split it into smaller files.</source>
        <translation>O arquivo tem mais de {n} contatos. Divida-o em arquivos menores.</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>Não foi possível ler o arquivo.</translation>
    </message>
    <message>
        <source>This is not a CSV or vCard (.vcf) file.</source>
        <translation>Este não é um arquivo CSV ou vCard (.vcf).</translation>
    </message>
    <message>
        <source>No contacts were found in this file.</source>
        <translation>Nenhum contato foi encontrado neste arquivo.</translation>
    </message>
    <message>
        <source>The CSV file is damaged near line {line}.</source>
        <translation>O arquivo CSV está corrompido perto da linha {line}.</translation>
    </message>
    <message>
        <source>The file has no phone number column (a column named “Telefone”, “Celular” or “Phone”).</source>
        <translation>O arquivo não tem uma coluna de telefone (uma coluna chamada “Telefone”, “Celular” ou “Phone”).</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Nada foi importado.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Line {line}: “{value}” is not a valid phone number.</source>
        <translation>Linha {line}: “{value}” não é um número de telefone válido.</translation>
    </message>
    <message>
        <source>Line {line}: “{value}” has no phone number.</source>
        <translation>Linha {line}: “{value}” não tem número de telefone.</translation>
    </message>
    <message>
        <source>Line {line}: “{value}” is not a valid e-mail.</source>
        <translation>Linha {line}: “{value}” não é um e-mail válido.</translation>
    </message>
    <message>
        <source>Line {line}: the name is longer than 200 characters.</source>
        <translation>Linha {line}: o nome tem mais de 200 caracteres.</translation>
    </message>
    <message>
        <source>{n} contacts ready to import.</source>
        <translation>{n} contatos prontos para importar.</translation>
    </message>
    <message>
        <source>1 contact ready to import.</source>
        <translation>1 contato pronto para importar.</translation>
    </message>
    <message>
        <source>{n} repeated numbers in the file were merged.</source>
        <translation>{n} números repetidos no arquivo foram unidos.</translation>
    </message>
    <message>
        <source>Numbers already in whatdesk are not added again: they only get the name or e-mail they lack.</source>
        <translation>Números que já estão no whatdesk não são adicionados de novo: só recebem o nome ou o e-mail que faltam.</translation>
    </message>
    <message>
        <source>{n} lines will be skipped:</source>
        <translation>{n} linhas serão ignoradas:</translation>
    </message>
    <message>
        <source>1 line will be skipped:</source>
        <translation>1 linha será ignorada:</translation>
    </message>
    <message>
        <source>…and {n} more.</source>
        <translation>…e mais {n}.</translation>
    </message>
    <message>
        <source>Import {n} contacts</source>
        <translation>Importar {n} contatos</translation>
    </message>
    <message>
        <source>Import 1 contact</source>
        <translation>Importar 1 contato</translation>
    </message>
</context>
<context>
    <name>InboxShortcuts</name>
    <message>
        <source>Previous conversation</source>
        <translation>Conversa anterior</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Próxima conversa</translation>
    </message>
    <message>
        <source>Search messages and contacts</source>
        <translation>Pesquisar mensagens e contatos</translation>
    </message>
    <message>
        <source>Close the conversation</source>
        <translation>Encerrar a conversa</translation>
    </message>
    <message>
        <source>Close the conversation and open the next one</source>
        <translation>Encerrar a conversa e abrir a próxima</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Anexar um arquivo</translation>
    </message>
    <message>
        <source>Show the keyboard shortcuts</source>
        <translation>Mostrar os atalhos de teclado</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Enviar a mensagem</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>Nova linha na mensagem</translation>
    </message>
    <message>
        <source>Cancel the reply being quoted, or leave the search</source>
        <translation>Cancelar a resposta citada ou sair da pesquisa</translation>
    </message>
    <message>
        <source>In the search field: go to the results / open the first one</source>
        <translation>No campo de pesquisa: ir para os resultados / abrir o primeiro</translation>
    </message>
    <message>
        <source>Open the user guide</source>
        <translation>Abrir o guia do usuário</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Select a node on the canvas to edit its settings.</source>
        <translation>Selecione um nó no quadro para editar as configurações dele.</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Fluxo</translation>
    </message>
    <message>
        <source>Read-only: this version cannot be edited.</source>
        <translation>Somente leitura: esta versão não pode ser editada.</translation>
    </message>
    <message>
        <source>Unknown node type: its settings are kept as they are.</source>
        <translation>Tipo de nó desconhecido: as configurações dele são mantidas como estão.</translation>
    </message>
    <message>
        <source>This node has no settings.</source>
        <translation>Este nó não tem configurações.</translation>
    </message>
    <message>
        <source>Edit “{field}”</source>
        <translation>Editar “{field}”</translation>
    </message>
</context>
<context>
    <name>KeyChoiceDialog</name>
    <message>
        <source>Protect the WhatsApp sessions</source>
        <translation>Proteger as sessões do WhatsApp</translation>
    </message>
    <message>
        <source>This computer has no usable keyring to keep the key of the WhatsApp sessions in.</source>
        <translation>Este computador não tem um chaveiro utilizável para guardar a chave das sessões do WhatsApp.</translation>
    </message>
    <message>
        <source>Choose the passphrase that will protect the WhatsApp sessions.</source>
        <translation>Escolha a frase-senha que vai proteger as sessões do WhatsApp.</translation>
    </message>
    <message>
        <source>A linked session lets anyone who copies it read and send messages as your business. Choose how to keep it:</source>
        <translation>Uma sessão vinculada permite que qualquer pessoa que a copie leia e envie mensagens como a sua empresa. Escolha como guardá-la:</translation>
    </message>
    <message>
        <source>Protect with a passphrase (asked every time whatdesk starts)</source>
        <translation>Proteger com uma frase-senha (pedida sempre que o whatdesk iniciar)</translation>
    </message>
    <message>
        <source>Passphrase (at least {n} characters)</source>
        <translation>Frase-senha (pelo menos {n} caracteres)</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>Digite de novo</translation>
    </message>
    <message>
        <source>Store the sessions unencrypted</source>
        <translation>Guardar as sessões sem criptografia</translation>
    </message>
    <message>
        <source>Anyone who copies the data folder can then use your WhatsApp accounts. The Connections screen will say so.</source>
        <translation>Assim, qualquer pessoa que copiar a pasta de dados poderá usar as suas contas do WhatsApp. A tela Conexões vai avisar isso.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>A frase-senha precisa ter pelo menos {n} caracteres.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>As duas frases-senha não são iguais.</translation>
    </message>
</context>
<context>
    <name>KeyValueEditor</name>
    <message>
        <source>None.</source>
        <translation>Nenhum.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>row removed</source>
        <translation>linha removida</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to whatdesk</source>
        <translation>Entrar no whatdesk</translation>
    </message>
    <message>
        <source>Who is signing in?</source>
        <translation>Quem está entrando?</translation>
    </message>
    <message>
        <source>Several agents work on this desktop.</source>
        <translation>Vários atendentes usam este computador.</translation>
    </message>
    <message>
        <source>ana@example.com or Ana</source>
        <translation>ana@exemplo.com ou Ana</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Lembrar de mim neste computador</translation>
    </message>
    <message>
        <source>Not available: this system has no keyring to keep the sign-in token safely ({reason}).</source>
        <translation>Indisponível: este sistema não tem um chaveiro para guardar o código de acesso com segurança ({reason}).</translation>
    </message>
    <message>
        <source>Keeps a sign-in token (never your password) in the system keyring.</source>
        <translation>Guarda um código de acesso (nunca a sua senha) no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>E-mail or name</source>
        <translation>E-mail ou nome</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Type your e-mail or name and your password.</source>
        <translation>Digite seu e-mail ou nome e sua senha.</translation>
    </message>
    <message>
        <source>Wrong e-mail, name or password.</source>
        <translation>E-mail, nome ou senha incorretos.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Coming soon</source>
        <translation>Em breve</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Atendimentos</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Fluxos</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Agents, queues, quick replies and tags</source>
        <translation>Atendentes, filas, respostas rápidas e etiquetas</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guia do usuário</translation>
    </message>
    <message>
        <source>&amp;About whatdesk</source>
        <translation>&amp;Sobre o whatdesk</translation>
    </message>
    <message>
        <source>&amp;Switch agent…</source>
        <translation>&amp;Trocar de atendente…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Sair da conta</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>The user guide was not found in this installation.</source>
        <translation>O guia do usuário não foi encontrado nesta instalação.</translation>
    </message>
    <message>
        <source>No program could open the user guide ({path}).</source>
        <translation>Nenhum programa conseguiu abrir o guia do usuário ({path}).</translation>
    </message>
    <message>
        <source>About whatdesk</source>
        <translation>Sobre o whatdesk</translation>
    </message>
    <message>
        <source>Serve your WhatsApp customers from one PC: connections, tickets and chatbot flows, all on this computer.</source>
        <translation>Atenda seus clientes do WhatsApp a partir de um PC: conexões, tickets e fluxos de chatbot, tudo neste computador.</translation>
    </message>
    <message>
        <source>1 waiting</source>
        <translation>1 aguardando</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} aguardando</translation>
    </message>
    <message>
        <source>1 unread message</source>
        <translation>1 mensagem não lida</translation>
    </message>
    <message>
        <source>{n} unread messages</source>
        <translation>{n} mensagens não lidas</translation>
    </message>
    <message>
        <source>Show whatdesk</source>
        <translation>Mostrar o whatdesk</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>whatdesk — nothing waiting</source>
        <translation>whatdesk — nada aguardando</translation>
    </message>
    <message>
        <source>whatdesk — {unread} unread, {waiting} waiting</source>
        <translation>whatdesk — {unread} não lidas, {waiting} aguardando</translation>
    </message>
    <message>
        <source>whatdesk</source>
        <translation>whatdesk</translation>
    </message>
</context>
<context>
    <name>MediaFileEditor</name>
    <message>
        <source>Choose a file to send</source>
        <translation>Escolha um arquivo para enviar</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Escolher arquivo…</translation>
    </message>
    <message>
        <source>No data folder is open.</source>
        <translation>Nenhuma pasta de dados aberta.</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Nenhum arquivo escolhido</translation>
    </message>
</context>
<context>
    <name>NewConversationDialog</name>
    <message>
        <source>New conversation</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de telefone</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Send from</source>
        <translation>Enviar pela conexão</translation>
    </message>
    <message>
        <source>Start conversation</source>
        <translation>Iniciar conversa</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>Este não é um número de telefone válido.</translation>
    </message>
    <message>
        <source>Create a connection first.</source>
        <translation>Crie uma conexão primeiro.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>&amp;Silenciar notificações</translation>
    </message>
    <message>
        <source>New conversation waiting</source>
        <translation>Nova conversa aguardando</translation>
    </message>
    <message>
        <source>{n} new notifications</source>
        <translation>{n} novas notificações</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Cartão de contato</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Nova mensagem</translation>
    </message>
</context>
<context>
    <name>ObjectEditor</name>
    <message>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
</context>
<context>
    <name>ObjectListEditor</name>
    <message>
        <source>Drag to reorder</source>
        <translation>Arraste para reordenar</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Mover para cima</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Mover para baixo</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>No rows yet.</source>
        <translation>Nenhum item ainda.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Add a row to {field}</source>
        <translation>Adicionar um item em {field}</translation>
    </message>
    <message>
        <source>row added</source>
        <translation>item adicionado</translation>
    </message>
    <message>
        <source>row {n} removed</source>
        <translation>item {n} removido</translation>
    </message>
    <message>
        <source>row {n} moved</source>
        <translation>item {n} movido</translation>
    </message>
</context>
<context>
    <name>PairingCodeDialog</name>
    <message>
        <source>Link “{name}” with a phone number</source>
        <translation>Vincular “{name}” com o número de telefone</translation>
    </message>
    <message>
        <source>Type the number of the WhatsApp account to link, with the area code (e.g. +55 11 91234-5678).</source>
        <translation>Digite o número da conta de WhatsApp a vincular, com DDD (ex.: +55 11 91234-5678).</translation>
    </message>
    <message>
        <source>Get code</source>
        <translation>Gerar código</translation>
    </message>
    <message>
        <source>On the phone open &lt;b&gt;WhatsApp › Linked devices › Link a device › Link with phone number instead&lt;/b&gt; and type this code.</source>
        <translation>No celular, abra &lt;b&gt;WhatsApp › Aparelhos conectados › Conectar um aparelho › Conectar com número de telefone&lt;/b&gt; e digite este código.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>This does not look like a valid phone number. Include the area code, e.g. +55 11 91234-5678.</source>
        <translation>Este número de telefone não parece válido. Inclua o DDD, ex.: +55 11 91234-5678.</translation>
    </message>
    <message>
        <source>Asking WhatsApp for a code…</source>
        <translation>Pedindo um código ao WhatsApp…</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Novo código</translation>
    </message>
    <message>
        <source>Waiting for the code to be typed on the phone…</source>
        <translation>Aguardando o código ser digitado no celular…</translation>
    </message>
    <message>
        <source>Connected! WhatsApp is linked.</source>
        <translation>Conectado! O WhatsApp está vinculado.</translation>
    </message>
    <message>
        <source>The code was not used in time. Ask for a new one.</source>
        <translation>O código não foi usado a tempo. Peça um novo.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Sessions passphrase</source>
        <translation>Frase-senha das sessões</translation>
    </message>
    <message>
        <source>Type the passphrase that protects the WhatsApp sessions of this data folder.</source>
        <translation>Digite a frase-senha que protege as sessões do WhatsApp desta pasta de dados.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase-senha</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
</context>
<context>
    <name>PhoneEdit</name>
    <message>
        <source>e.g. (11) 98765-4321 or +351 912 345 678</source>
        <translation>ex.: (11) 98765-4321 ou +351 912 345 678</translation>
    </message>
</context>
<context>
    <name>PrivacySection</name>
    <message>
        <source>Erase old conversations automatically</source>
        <translation>Apagar conversas antigas automaticamente</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>Anonymize (texts and files erased, counts kept)</source>
        <translation>Anonimizar (textos e arquivos apagados, contagens mantidas)</translation>
    </message>
    <message>
        <source>Delete the conversations</source>
        <translation>Excluir as conversas</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Closed more than</source>
        <translation>Encerradas há mais de</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>O que acontece</translation>
    </message>
    <message>
        <source>Privacy (LGPD)</source>
        <translation>Privacidade (LGPD)</translation>
    </message>
    <message>
        <source>Keep customers&apos; conversations only as long as you need them. Once a day, conversations closed longer ago than this are erased; each run is written in the audit log. To export or anonymize one customer, open their conversation and use the contact panel.</source>
        <translation>Guarde as conversas dos clientes só pelo tempo necessário. Uma vez por dia, as conversas encerradas há mais tempo que isto são apagadas; cada execução fica no registro de auditoria. Para exportar ou anonimizar um cliente, abra a conversa dele e use o painel do contato.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvo.</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>No problems</source>
        <translation>Nenhum problema</translation>
    </message>
    <message>
        <source>Errors that stop the flow from running, and warnings, are listed here as you edit.</source>
        <translation>Erros que impedem o fluxo de rodar, e avisos, aparecem aqui enquanto você edita.</translation>
    </message>
    <message>
        <source>Errors: {n}</source>
        <translation>Erros: {n}</translation>
    </message>
    <message>
        <source>Warnings: {n}</source>
        <translation>Avisos: {n}</translation>
    </message>
</context>
<context>
    <name>QrDialog</name>
    <message>
        <source>Link “{name}” by QR code</source>
        <translation>Vincular “{name}” por QR code</translation>
    </message>
    <message>
        <source>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;Open &lt;b&gt;WhatsApp&lt;/b&gt; on the phone you want to link.&lt;/li&gt;&lt;li&gt;Tap &lt;b&gt;⋮ Menu&lt;/b&gt; (Android) or &lt;b&gt;Settings&lt;/b&gt; (iPhone), then &lt;b&gt;Linked devices&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Tap &lt;b&gt;Link a device&lt;/b&gt; and point the phone at this code.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;Abra o &lt;b&gt;WhatsApp&lt;/b&gt; no celular que você quer vincular.&lt;/li&gt;&lt;li&gt;Toque em &lt;b&gt;⋮ Mais opções&lt;/b&gt; (Android) ou &lt;b&gt;Configurações&lt;/b&gt; (iPhone) e depois em &lt;b&gt;Aparelhos conectados&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Toque em &lt;b&gt;Conectar um aparelho&lt;/b&gt; e aponte o celular para este código.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Generating the code…</source>
        <translation>Gerando o código…</translation>
    </message>
    <message>
        <source>Try again now</source>
        <translation>Tentar agora</translation>
    </message>
    <message>
        <source>Generate new code</source>
        <translation>Gerar novo código</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Code read — finishing the link…</source>
        <translation>Código lido — concluindo a vinculação…</translation>
    </message>
    <message>
        <source>Linking was stopped.</source>
        <translation>A vinculação foi interrompida.</translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>Tentando de novo…</translation>
    </message>
    <message>
        <source>Trying again in {seconds} s.</source>
        <translation>Nova tentativa em {seconds} s.</translation>
    </message>
    <message>
        <source>The code expires in {seconds} s</source>
        <translation>O código expira em {seconds} s</translation>
    </message>
    <message>
        <source>Waiting for a new code…</source>
        <translation>Aguardando um novo código…</translation>
    </message>
    <message>
        <source>Code expired</source>
        <translation>Código expirado</translation>
    </message>
    <message>
        <source>Connected! WhatsApp is linked.</source>
        <translation>Conectado! O WhatsApp está vinculado.</translation>
    </message>
</context>
<context>
    <name>QueuesSection</name>
    <message>
        <source>New queue</source>
        <translation>Nova fila</translation>
    </message>
    <message>
        <source>Edit queue</source>
        <translation>Editar fila</translation>
    </message>
    <message>
        <source>Sales, Support…</source>
        <translation>Vendas, Suporte…</translation>
    </message>
    <message>
        <source>Sent when a ticket enters this queue (optional)</source>
        <translation>Enviada quando um atendimento entra nesta fila (opcional)</translation>
    </message>
    <message>
        <source>Assign new waiting tickets automatically</source>
        <translation>Distribuir automaticamente os novos atendimentos em espera</translation>
    </message>
    <message>
        <source>A ticket that starts waiting here goes to the online agent of this queue with the fewest open tickets, within their capacity.</source>
        <translation>Um atendimento que entra em espera aqui vai para o atendente online desta fila com menos atendimentos abertos, dentro da capacidade dele.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Saudação</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Atendentes</translation>
    </message>
    <message>
        <source>Without online agents with room, tickets wait in the queue.</source>
        <translation>Sem atendentes online com vaga, os atendimentos esperam na fila.</translation>
    </message>
    <message>
        <source>Give the queue a name.</source>
        <translation>Dê um nome à fila.</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Waiting tickets line up in queues (Sales, Support…); a queue&apos;s agents see and accept them.</source>
        <translation>Os atendimentos em espera ficam em filas (Vendas, Suporte…); os atendentes da fila os veem e aceitam.</translation>
    </message>
    <message>
        <source>Auto-assignment</source>
        <translation>Distribuição automática</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ligada</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligada</translation>
    </message>
    <message>
        <source>No queues yet. Queues route waiting tickets to the right agents.</source>
        <translation>Nenhuma fila ainda. As filas levam os atendimentos em espera aos atendentes certos.</translation>
    </message>
    <message>
        <source>Add queue</source>
        <translation>Adicionar fila</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Delete queue</source>
        <translation>Excluir fila</translation>
    </message>
    <message>
        <source>Delete the queue “{name}”? Its tickets stay, without a queue.</source>
        <translation>Excluir a fila “{name}”? Os atendimentos dela continuam, sem fila.</translation>
    </message>
</context>
<context>
    <name>QuickRepliesSection</name>
    <message>
        <source>New quick reply</source>
        <translation>Nova resposta rápida</translation>
    </message>
    <message>
        <source>Edit quick reply</source>
        <translation>Editar resposta rápida</translation>
    </message>
    <message>
        <source>{{greeting}}, {{contact.first_name}}! How can I help?</source>
        <translation>{{greeting}}, {{contact.first_name}}! Como posso ajudar?</translation>
    </message>
    <message>
        <source>Variables: {names}</source>
        <translation>Variáveis: {names}</translation>
    </message>
    <message>
        <source>Every agent</source>
        <translation>Todos os atendentes</translation>
    </message>
    <message>
        <source>Only {name}</source>
        <translation>Só {name}</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Escolher arquivo…</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>Remover arquivo</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atalho</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Who can use it</source>
        <translation>Quem pode usar</translation>
    </message>
    <message>
        <source>No file</source>
        <translation>Nenhum arquivo</translation>
    </message>
    <message>
        <source>Choose a file to send with this reply</source>
        <translation>Escolha um arquivo para enviar com esta resposta</translation>
    </message>
    <message>
        <source>Type a shortcut, like /hello.</source>
        <translation>Digite um atalho, como /ola.</translation>
    </message>
    <message>
        <source>Write the reply&apos;s text or choose a file.</source>
        <translation>Escreva o texto da resposta ou escolha um arquivo.</translation>
    </message>
    <message>
        <source>A {{variable}} in the text is not closed or has an invalid name.</source>
        <translation>Uma {{variável}} no texto não foi fechada ou tem um nome inválido.</translation>
    </message>
    <message>
        <source>Quick replies</source>
        <translation>Respostas rápidas</translation>
    </message>
    <message>
        <source>Answers agents insert by typing “/” and the shortcut in the chat.</source>
        <translation>Respostas que os atendentes inserem digitando “/” e o atalho no chat.</translation>
    </message>
    <message>
        <source>No quick replies yet. Save the answers you type every day.</source>
        <translation>Nenhuma resposta rápida ainda. Salve as respostas que você digita todo dia.</translation>
    </message>
    <message>
        <source>Add quick reply</source>
        <translation>Adicionar resposta rápida</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Delete quick reply</source>
        <translation>Excluir resposta rápida</translation>
    </message>
    <message>
        <source>Delete the quick reply /{shortcut}?</source>
        <translation>Excluir a resposta rápida /{shortcut}?</translation>
    </message>
</context>
<context>
    <name>QuickReplyDelegate</name>
    <message>
        <source>personal</source>
        <translation>pessoal</translation>
    </message>
    <message>
        <source>(file)</source>
        <translation>(arquivo)</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>Something went wrong.</source>
        <translation>Algo deu errado.</translation>
    </message>
    <message>
        <source>This computer is not connected to the internet.</source>
        <translation>Este computador não está conectado à internet.</translation>
    </message>
    <message>
        <source>WhatsApp could not be reached.</source>
        <translation>Não foi possível alcançar o WhatsApp.</translation>
    </message>
    <message>
        <source>A secure connection to WhatsApp could not be made.</source>
        <translation>Não foi possível abrir uma conexão segura com o WhatsApp.</translation>
    </message>
    <message>
        <source>The connection to WhatsApp was lost.</source>
        <translation>A conexão com o WhatsApp caiu.</translation>
    </message>
    <message>
        <source>WhatsApp stopped responding.</source>
        <translation>O WhatsApp parou de responder.</translation>
    </message>
    <message>
        <source>WhatsApp refused the connection.</source>
        <translation>O WhatsApp recusou a conexão.</translation>
    </message>
    <message>
        <source>WhatsApp is not available right now.</source>
        <translation>O WhatsApp está fora do ar no momento.</translation>
    </message>
    <message>
        <source>Connecting to WhatsApp…</source>
        <translation>Conectando ao WhatsApp…</translation>
    </message>
    <message>
        <source>Trying to connect again…</source>
        <translation>Tentando conectar de novo…</translation>
    </message>
    <message>
        <source>Disconnected by you.</source>
        <translation>Desconectado por você.</translation>
    </message>
    <message>
        <source>Reconnecting, as you asked.</source>
        <translation>Reconectando, como você pediu.</translation>
    </message>
    <message>
        <source>Not linked to a phone yet.</source>
        <translation>Ainda não vinculado a um celular.</translation>
    </message>
    <message>
        <source>Waiting for the QR code to be scanned.</source>
        <translation>Aguardando a leitura do QR code.</translation>
    </message>
    <message>
        <source>Waiting for the code to be typed on the phone.</source>
        <translation>Aguardando o código ser digitado no celular.</translation>
    </message>
    <message>
        <source>Code accepted — finishing the link.</source>
        <translation>Código aceito — concluindo a vinculação.</translation>
    </message>
    <message>
        <source>Nobody scanned the code in time.</source>
        <translation>Ninguém leu o código a tempo.</translation>
    </message>
    <message>
        <source>You logged this connection out.</source>
        <translation>Você desconectou esta conta.</translation>
    </message>
    <message>
        <source>This computer was unlinked on the phone.</source>
        <translation>Este computador foi desvinculado pelo celular.</translation>
    </message>
    <message>
        <source>This WhatsApp account was opened on another computer or app.</source>
        <translation>Esta conta do WhatsApp foi aberta em outro computador ou aplicativo.</translation>
    </message>
    <message>
        <source>WhatsApp has temporarily blocked this number.</source>
        <translation>O WhatsApp bloqueou este número temporariamente.</translation>
    </message>
    <message>
        <source>This version of whatdesk is too old for WhatsApp.</source>
        <translation>Esta versão do whatdesk está desatualizada para o WhatsApp.</translation>
    </message>
    <message>
        <source>The phone could not finish linking.</source>
        <translation>O celular não conseguiu concluir a vinculação.</translation>
    </message>
    <message>
        <source>WhatsApp did not give a code for this number.</source>
        <translation>O WhatsApp não forneceu um código para este número.</translation>
    </message>
    <message>
        <source>WhatsApp is not ready to give a code yet.</source>
        <translation>O WhatsApp ainda não está pronto para gerar um código.</translation>
    </message>
    <message>
        <source>This connection is already linked to a phone.</source>
        <translation>Esta conexão já está vinculada a um celular.</translation>
    </message>
    <message>
        <source>This number does not belong to this connection.</source>
        <translation>Este número não é o desta conexão.</translation>
    </message>
    <message>
        <source>The connections have not started yet.</source>
        <translation>As conexões ainda não foram iniciadas.</translation>
    </message>
    <message>
        <source>The saved WhatsApp session is damaged.</source>
        <translation>A sessão salva do WhatsApp está danificada.</translation>
    </message>
    <message>
        <source>whatdesk could not save its data.</source>
        <translation>O whatdesk não conseguiu salvar seus dados.</translation>
    </message>
    <message>
        <source>Received messages could not be saved, so this connection was stopped.</source>
        <translation>Não foi possível salvar as mensagens recebidas, por isso esta conexão foi parada.</translation>
    </message>
    <message>
        <source>WhatsApp could not be told to unlink this computer.</source>
        <translation>Não foi possível avisar o WhatsApp para desvincular este computador.</translation>
    </message>
    <message>
        <source>The data folder cannot be used.</source>
        <translation>A pasta de dados não pode ser usada.</translation>
    </message>
    <message>
        <source>The database cannot be opened or written.</source>
        <translation>Não é possível abrir ou gravar o banco de dados.</translation>
    </message>
    <message>
        <source>Another connection already has this name.</source>
        <translation>Já existe outra conexão com este nome.</translation>
    </message>
    <message>
        <source>Some of the values are not valid.</source>
        <translation>Alguns valores não são válidos.</translation>
    </message>
    <message>
        <source>The saved session is locked: it cannot be opened with this computer&apos;s key.</source>
        <translation>A sessão salva está bloqueada: não pode ser aberta com a chave deste computador.</translation>
    </message>
    <message>
        <source>This computer has no usable keyring to keep the session key in.</source>
        <translation>Este computador não tem um chaveiro utilizável para guardar a chave das sessões.</translation>
    </message>
    <message>
        <source>The passphrase is not right.</source>
        <translation>A frase-senha não está correta.</translation>
    </message>
    <message>
        <source>whatdesk tries again by itself.</source>
        <translation>O whatdesk tenta de novo sozinho.</translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, send the details below to support.</source>
        <translation>Tente de novo. Se continuar acontecendo, envie os detalhes abaixo ao suporte.</translation>
    </message>
    <message>
        <source>Check the cable or Wi-Fi. whatdesk tries again by itself.</source>
        <translation>Verifique o cabo ou o Wi-Fi. O whatdesk tenta de novo sozinho.</translation>
    </message>
    <message>
        <source>The internet may be down or slow, or a firewall may be blocking WhatsApp. whatdesk tries again by itself.</source>
        <translation>A internet pode estar fora do ar ou lenta, ou um firewall pode estar bloqueando o WhatsApp. O whatdesk tenta de novo sozinho.</translation>
    </message>
    <message>
        <source>Check that this computer&apos;s date and time are right. A proxy or antivirus may be intercepting the connection.</source>
        <translation>Confira se a data e a hora deste computador estão certas. Um proxy ou antivírus pode estar interceptando a conexão.</translation>
    </message>
    <message>
        <source>Link the connection again. If it keeps happening, remove this computer under Linked devices on the phone first.</source>
        <translation>Vincule a conexão de novo. Se continuar acontecendo, remova antes este computador em Aparelhos conectados, no celular.</translation>
    </message>
    <message>
        <source>Choose “Link by QR code” or “Link by phone number”.</source>
        <translation>Escolha “Vincular por QR” ou “Vincular por número”.</translation>
    </message>
    <message>
        <source>Ask for a new code when the phone is at hand.</source>
        <translation>Peça um novo código quando estiver com o celular em mãos.</translation>
    </message>
    <message>
        <source>Link it again to use it.</source>
        <translation>Vincule-a de novo para usá-la.</translation>
    </message>
    <message>
        <source>Close WhatsApp there, then reconnect here.</source>
        <translation>Feche o WhatsApp lá e depois reconecte aqui.</translation>
    </message>
    <message>
        <source>Wait until the block ends (see the details), then reconnect.</source>
        <translation>Aguarde o fim do bloqueio (veja os detalhes) e depois reconecte.</translation>
    </message>
    <message>
        <source>Install the latest version of whatdesk.</source>
        <translation>Instale a versão mais recente do whatdesk.</translation>
    </message>
    <message>
        <source>Try again with a new code.</source>
        <translation>Tente de novo com um novo código.</translation>
    </message>
    <message>
        <source>Check the number, with country and area code, or link by QR code.</source>
        <translation>Confira o número, com código do país e DDD, ou vincule por QR.</translation>
    </message>
    <message>
        <source>Wait a few seconds and ask again.</source>
        <translation>Aguarde alguns segundos e peça de novo.</translation>
    </message>
    <message>
        <source>Log it out first to link another number.</source>
        <translation>Desconecte a conta antes de vincular outro número.</translation>
    </message>
    <message>
        <source>Type the number of the WhatsApp account you are linking.</source>
        <translation>Digite o número da conta do WhatsApp que você está vinculando.</translation>
    </message>
    <message>
        <source>Wait a moment and try again.</source>
        <translation>Aguarde um instante e tente de novo.</translation>
    </message>
    <message>
        <source>Log the connection out and link it again.</source>
        <translation>Desconecte a conta e vincule-a de novo.</translation>
    </message>
    <message>
        <source>Check that the disk is not full and that the data folder can be written.</source>
        <translation>Verifique se o disco não está cheio e se a pasta de dados permite gravação.</translation>
    </message>
    <message>
        <source>Nothing is lost: WhatsApp keeps the messages. Free disk space or check the database; whatdesk reconnects by itself once saving works again.</source>
        <translation>Nada se perde: o WhatsApp guarda as mensagens. Libere espaço em disco ou verifique o banco de dados; o whatdesk reconecta sozinho assim que voltar a salvar.</translation>
    </message>
    <message>
        <source>The session was kept. Check the internet and log out again, or remove this computer under Linked devices on the phone.</source>
        <translation>A sessão foi mantida. Verifique a internet e desconecte de novo, ou remova este computador em Aparelhos conectados no celular.</translation>
    </message>
    <message>
        <source>Choose another folder with --data-dir or WHATDESK_DATA_DIR.</source>
        <translation>Escolha outra pasta com --data-dir ou WHATDESK_DATA_DIR.</translation>
    </message>
    <message>
        <source>Check the data folder or the database server and try again. Nothing was changed.</source>
        <translation>Verifique a pasta de dados ou o servidor do banco de dados e tente de novo. Nada foi alterado.</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>Escolha outro nome.</translation>
    </message>
    <message>
        <source>Check the values and try again.</source>
        <translation>Confira os valores e tente de novo.</translation>
    </message>
    <message>
        <source>Unlock it with the passphrase it was saved with, or link the connection again. The locked file is kept.</source>
        <translation>Desbloqueie com a frase-senha com que ela foi salva, ou vincule a conexão de novo. O arquivo bloqueado é mantido.</translation>
    </message>
    <message>
        <source>Choose a passphrase, or store the sessions unencrypted.</source>
        <translation>Escolha uma frase-senha ou guarde as sessões sem criptografia.</translation>
    </message>
    <message>
        <source>Type it again; letters and case must match.</source>
        <translation>Digite de novo; letras maiúsculas e minúsculas precisam ser iguais.</translation>
    </message>
</context>
<context>
    <name>SearchPane</name>
    <message>
        <source>Contacts</source>
        <translation>Contatos</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>Note: </source>
        <translation>Nota: </translation>
    </message>
    <message>
        <source>You: </source>
        <translation>Você: </translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>Search messages and contacts</source>
        <translation>Pesquisar mensagens e contatos</translation>
    </message>
    <message>
        <source>The search failed: {reason}</source>
        <translation>A pesquisa falhou: {reason}</translation>
    </message>
    <message>
        <source>Type a word, a name or part of a phone number. Accents and capitals do not matter; put a phrase in quotes to find it exactly.</source>
        <translation>Digite uma palavra, um nome ou parte de um número de telefone. Acentos e maiúsculas não fazem diferença; coloque uma frase entre aspas para encontrá-la exatamente.</translation>
    </message>
    <message>
        <source>No results for “{query}”</source>
        <translation>Nenhum resultado para “{query}”</translation>
    </message>
    <message>
        <source>Check the spelling or try fewer words.</source>
        <translation>Confira a ortografia ou tente menos palavras.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Agents</source>
        <translation>Atendentes</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Quick replies</source>
        <translation>Respostas rápidas</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Privacy (LGPD)</source>
        <translation>Privacidade (LGPD)</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoria</translation>
    </message>
</context>
<context>
    <name>TagsSection</name>
    <message>
        <source>New tag</source>
        <translation>Nova etiqueta</translation>
    </message>
    <message>
        <source>Edit tag</source>
        <translation>Editar etiqueta</translation>
    </message>
    <message>
        <source>VIP, Lead, Complaint…</source>
        <translation>VIP, Lead, Reclamação…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <source>Give the tag a name.</source>
        <translation>Dê um nome à etiqueta.</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Labels agents put on contacts to find and filter them (VIP, Lead…).</source>
        <translation>Marcadores que os atendentes põem nos contatos para encontrá-los e filtrá-los (VIP, Lead…).</translation>
    </message>
    <message>
        <source>No tags yet. Tags help agents sort contacts.</source>
        <translation>Nenhuma etiqueta ainda. As etiquetas ajudam a organizar os contatos.</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Adicionar etiqueta</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>Excluir etiqueta</translation>
    </message>
    <message>
        <source>Delete the tag “{name}”? It comes off every contact.</source>
        <translation>Excluir a etiqueta “{name}”? Ela sai de todos os contatos.</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Unexpected error: {error}. Details were written to the log.</source>
        <translation>Erro inesperado: {error}. Os detalhes foram gravados no log.</translation>
    </message>
</context>
<context>
    <name>TestChatPanel</name>
    <message>
        <source>Options</source>
        <translation>Opções</translation>
    </message>
    <message>
        <source>Tag added: %1</source>
        <translation>Etiqueta adicionada: %1</translation>
    </message>
    <message>
        <source>Tag removed: %1</source>
        <translation>Etiqueta removida: %1</translation>
    </message>
    <message>
        <source>Handed over to %1 — the bot stops here</source>
        <translation>Transferido para %1 — o robô para aqui</translation>
    </message>
    <message>
        <source>Handed over to the “%1” queue — the bot stops here</source>
        <translation>Transferido para a fila “%1” — o robô para aqui</translation>
    </message>
    <message>
        <source>Handed over to a human — the bot stops here</source>
        <translation>Transferido para um atendente — o robô para aqui</translation>
    </message>
    <message>
        <source>Conversation closed by the bot</source>
        <translation>Conversa encerrada pelo robô</translation>
    </message>
    <message>
        <source>Continues in the flow “%1”</source>
        <translation>Segue no fluxo “%1”</translation>
    </message>
    <message>
        <source>End of the flow — the next message starts it again</source>
        <translation>Fim do fluxo — a próxima mensagem recomeça</translation>
    </message>
    <message>
        <source>no response</source>
        <translation>sem resposta</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Recomeçar</translation>
    </message>
    <message>
        <source>Start the conversation again from the current draft (the clock keeps its time)</source>
        <translation>Recomeça a conversa a partir do rascunho atual (o relógio mantém a hora)</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Começar de</translation>
    </message>
    <message>
        <source>Start the conversation at another node</source>
        <translation>Começa a conversa em outro nó</translation>
    </message>
    <message>
        <source>Minutes to wait</source>
        <translation>Minutos de espera</translation>
    </message>
    <message>
        <source>Minutes that pass when you click Wait</source>
        <translation>Minutos que passam quando você clica em Esperar</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Esperar</translation>
    </message>
    <message>
        <source>Let this many minutes pass without an answer: timeouts and delays due fire</source>
        <translation>Deixa passar esses minutos sem resposta: os prazos e esperas vencidos disparam</translation>
    </message>
    <message>
        <source>The test conversation&apos;s virtual time</source>
        <translation>A hora virtual da conversa de teste</translation>
    </message>
    <message>
        <source>Type as the customer</source>
        <translation>Escreva como o cliente</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send a photo or a location as the customer</source>
        <translation>Enviar uma foto ou uma localização como o cliente</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Anexar</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variável</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variáveis</translation>
    </message>
    <message>
        <source>This draft has problems (see Problems); the test may stop where they are.</source>
        <translation>Este rascunho tem problemas (veja Problemas); o teste pode parar onde eles estão.</translation>
    </message>
    <message>
        <source>There is no node “%1” in this flow.</source>
        <translation>Não há um nó “%1” neste fluxo.</translation>
    </message>
    <message>
        <source>Test started at “%1”</source>
        <translation>Teste iniciado em “%1”</translation>
    </message>
    <message>
        <source>The test stopped: %1</source>
        <translation>O teste parou: %1</translation>
    </message>
    <message>
        <source>The flow stopped: %1</source>
        <translation>O fluxo parou: %1</translation>
    </message>
    <message>
        <source>Answer “%1”</source>
        <translation>Responder “%1”</translation>
    </message>
    <message>
        <source>The flow could not be started.</source>
        <translation>Não foi possível iniciar o fluxo.</translation>
    </message>
    <message>
        <source>Waiting for the customer&apos;s reply; no answer by %1 takes the timeout exit.</source>
        <translation>Esperando a resposta do cliente; sem resposta até %1, segue pela saída Sem resposta.</translation>
    </message>
    <message>
        <source>Waiting for the customer&apos;s reply.</source>
        <translation>Esperando a resposta do cliente.</translation>
    </message>
    <message>
        <source>Waiting until %1.</source>
        <translation>Esperando até %1.</translation>
    </message>
    <message>
        <source>The flow ended. A new message starts it again.</source>
        <translation>O fluxo terminou. Uma nova mensagem o recomeça.</translation>
    </message>
    <message>
        <source>The bot stopped answering. Restart to test again.</source>
        <translation>O robô parou de responder. Recomece para testar de novo.</translation>
    </message>
    <message>
        <source>The flow has no nodes</source>
        <translation>O fluxo não tem nós</translation>
    </message>
    <message>
        <source>Number copied: %1</source>
        <translation>Número copiado: %1</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>seg</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>ter</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>qua</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>qui</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>sex</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>Customer&apos;s photo</source>
        <translation>Foto do cliente</translation>
    </message>
    <message>
        <source>⏱ Waited 1 hour</source>
        <translation>⏱ Passou 1 hora</translation>
    </message>
    <message>
        <source>⏱ Waited %1 hours</source>
        <translation>⏱ Passaram %1 horas</translation>
    </message>
    <message>
        <source>⏱ Waited 1 minute</source>
        <translation>⏱ Passou 1 minuto</translation>
    </message>
    <message>
        <source>⏱ Waited %1 minutes</source>
        <translation>⏱ Passaram %1 minutos</translation>
    </message>
</context>
<context>
    <name>TicketHeader</name>
    <message>
        <source>Accept</source>
        <translation>Aceitar</translation>
    </message>
    <message>
        <source>Take this conversation and reply</source>
        <translation>Assumir esta conversa e responder</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Open this conversation again, as yours</source>
        <translation>Abrir esta conversa de novo, como sua</translation>
    </message>
    <message>
        <source>Return to the waiting queue</source>
        <translation>Devolver à fila de espera</translation>
    </message>
    <message>
        <source>Transfer to a queue or agent</source>
        <translation>Transferir para uma fila ou atendente</translation>
    </message>
    <message>
        <source>Close the conversation</source>
        <translation>Encerrar a conversa</translation>
    </message>
    <message>
        <source>New conversation with any number</source>
        <translation>Nova conversa com qualquer número</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Mais ações</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Marcar como não lida</translation>
    </message>
    <message>
        <source>Hand back to the bot</source>
        <translation>Devolver ao bot</translation>
    </message>
    <message>
        <source>Restart the connection&apos;s welcome flow</source>
        <translation>Reiniciar o fluxo de boas-vindas da conexão</translation>
    </message>
    <message>
        <source>{name} accepted this conversation first.</source>
        <translation>{name} aceitou esta conversa primeiro.</translation>
    </message>
    <message>
        <source>This conversation is no longer waiting.</source>
        <translation>Esta conversa não está mais aguardando.</translation>
    </message>
    <message>
        <source>You accepted this conversation.</source>
        <translation>Você aceitou esta conversa.</translation>
    </message>
    <message>
        <source>Returned to the waiting queue.</source>
        <translation>Devolvida à fila de espera.</translation>
    </message>
    <message>
        <source>Conversation closed.</source>
        <translation>Conversa encerrada.</translation>
    </message>
    <message>
        <source>Close conversation</source>
        <translation>Encerrar conversa</translation>
    </message>
    <message>
        <source>Close this conversation? The customer receives the farewell message:

{text}</source>
        <translation>Encerrar esta conversa? O cliente recebe a mensagem de despedida:

{text}</translation>
    </message>
    <message>
        <source>Close and send</source>
        <translation>Encerrar e enviar</translation>
    </message>
    <message>
        <source>Conversation reopened.</source>
        <translation>Conversa reaberta.</translation>
    </message>
    <message>
        <source>Marked as unread.</source>
        <translation>Marcada como não lida.</translation>
    </message>
    <message>
        <source>The bot has the conversation again.</source>
        <translation>O bot assumiu a conversa de novo.</translation>
    </message>
    <message>
        <source>The bot did not take the conversation (the welcome flow ended at once or was removed).</source>
        <translation>O bot não assumiu a conversa (o fluxo de boas-vindas terminou na hora ou foi removido).</translation>
    </message>
    <message>
        <source>Transferred to {target}.</source>
        <translation>Transferida para {target}.</translation>
    </message>
    <message>
        <source>with you</source>
        <translation>com você</translation>
    </message>
    <message>
        <source>with {name}</source>
        <translation>com {name}</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>aguardando</translation>
    </message>
    <message>
        <source>with the bot</source>
        <translation>com o bot</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>encerrada</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>No tags yet (create them in Settings)</source>
        <translation>Nenhuma etiqueta ainda (crie-as em Configurações)</translation>
    </message>
</context>
<context>
    <name>TicketList</name>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>now</source>
        <translation>agora</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} d</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Unsupported message</source>
        <translation>Mensagem não suportada</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Esta mensagem foi apagada</translation>
    </message>
    <message>
        <source>#{n} · {wait}</source>
        <translation>#{n} · {wait}</translation>
    </message>
    <message>
        <source>Queue: {name}</source>
        <translation>Fila: {name}</translation>
    </message>
    <message>
        <source>Tags: {names}</source>
        <translation>Etiquetas: {names}</translation>
    </message>
</context>
<context>
    <name>TicketListModel</name>
    <message>
        <source>{n} unread</source>
        <translation>{n} não lidas</translation>
    </message>
</context>
<context>
    <name>TicketListPane</name>
    <message>
        <source>Open conversations you are answering</source>
        <translation>Conversas abertas que você está atendendo</translation>
    </message>
    <message>
        <source>Customers waiting for an agent in your queues</source>
        <translation>Clientes aguardando um atendente nas suas filas</translation>
    </message>
    <message>
        <source>Conversations a chatbot flow is answering</source>
        <translation>Conversas que um fluxo de chatbot está respondendo</translation>
    </message>
    <message>
        <source>Finished conversations</source>
        <translation>Conversas encerradas</translation>
    </message>
    <message>
        <source>Search messages and contacts</source>
        <translation>Pesquisar mensagens e contatos</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Limpar filtros</translation>
    </message>
    <message>
        <source>Show one queue</source>
        <translation>Mostrar uma fila</translation>
    </message>
    <message>
        <source>Show one WhatsApp connection</source>
        <translation>Mostrar uma conexão de WhatsApp</translation>
    </message>
    <message>
        <source>Show contacts with this tag</source>
        <translation>Mostrar contatos com esta etiqueta</translation>
    </message>
    <message>
        <source>Show another agent&apos;s conversations</source>
        <translation>Mostrar as conversas de outro agente</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Não lidas</translation>
    </message>
    <message>
        <source>Only conversations with unread messages</source>
        <translation>Só conversas com mensagens não lidas</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>Todas as filas</translation>
    </message>
    <message>
        <source>No queue</source>
        <translation>Sem fila</translation>
    </message>
    <message>
        <source>All connections</source>
        <translation>Todas as conexões</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Todas as etiquetas</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meus</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrados</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Busca</translation>
    </message>
    <message>
        <source>No conversations match these filters</source>
        <translation>Nenhuma conversa com estes filtros</translation>
    </message>
    <message>
        <source>Clear the filters to see every conversation of this tab.</source>
        <translation>Limpe os filtros para ver todas as conversas desta aba.</translation>
    </message>
    <message>
        <source>No open conversations</source>
        <translation>Nenhuma conversa aberta</translation>
    </message>
    <message>
        <source>Conversations you accept or start are answered here. Take the next customer from Waiting.</source>
        <translation>As conversas que você aceita ou inicia são atendidas aqui. Pegue o próximo cliente em Aguardando.</translation>
    </message>
    <message>
        <source>Nobody is waiting</source>
        <translation>Ninguém aguardando</translation>
    </message>
    <message>
        <source>Customers who write in wait here for an agent, in the order they arrived, with their place in the queue.</source>
        <translation>Os clientes que escrevem aguardam aqui por um atendente, na ordem de chegada, com a posição na fila.</translation>
    </message>
    <message>
        <source>No conversations with the bot</source>
        <translation>Nenhuma conversa com o bot</translation>
    </message>
    <message>
        <source>Chats a chatbot flow is answering show here until the flow hands them to a queue.</source>
        <translation>As conversas que um fluxo de chatbot está respondendo aparecem aqui até o fluxo passá-las para uma fila.</translation>
    </message>
    <message>
        <source>No closed conversations</source>
        <translation>Nenhuma conversa encerrada</translation>
    </message>
    <message>
        <source>Conversations you close are kept here; reopen one to write again.</source>
        <translation>As conversas encerradas ficam guardadas aqui; reabra uma para escrever de novo.</translation>
    </message>
    <message>
        <source>See who is waiting ({n})</source>
        <translation>Ver quem está aguardando ({n})</translation>
    </message>
</context>
<context>
    <name>Toast</name>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer conversation</source>
        <translation>Transferir conversa</translation>
    </message>
    <message>
        <source>Keep the current queue</source>
        <translation>Manter a fila atual</translation>
    </message>
    <message>
        <source>Nobody: wait in the queue</source>
        <translation>Ninguém: aguardar na fila</translation>
    </message>
    <message>
        <source>Optional: what the next agent should know</source>
        <translation>Opcional: o que o próximo atendente precisa saber</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Atendente</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock “{name}”</source>
        <translation>Desbloquear “{name}”</translation>
    </message>
    <message>
        <source>The saved session of “{name}” was sealed with another key (another computer, or another passphrase). Type the passphrase it was saved with.</source>
        <translation>A sessão salva de “{name}” foi lacrada com outra chave (outro computador ou outra frase-senha). Digite a frase-senha com que ela foi salva.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase-senha</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>VariablesPanel</name>
    <message>
        <source>No variables yet</source>
        <translation>Nenhuma variável ainda</translation>
    </message>
    <message>
        <source>A Question&apos;s answer, a Set variable node or {{name}} in a text adds one here.</source>
        <translation>A resposta de uma Pergunta, um nó Definir variável ou {{nome}} num texto aparecem aqui.</translation>
    </message>
    <message>
        <source>Never set: it renders empty.</source>
        <translation>Nunca definida: fica vazia.</translation>
    </message>
    <message>
        <source>set in {node}</source>
        <translation>definida em {node}</translation>
    </message>
    <message>
        <source>used in {node}</source>
        <translation>usada em {node}</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>não usada</translation>
    </message>
    <message>
        <source>(built-in)</source>
        <translation>(embutida)</translation>
    </message>
    <message>
        <source>(declared)</source>
        <translation>(declarada)</translation>
    </message>
</context>
<context>
    <name>VideoPlayer</name>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproduzir</translation>
    </message>
    <message>
        <source>This video could not be played. Use Save as to open it in another program.</source>
        <translation>Não foi possível reproduzir este vídeo. Use Salvar como para abri-lo em outro programa.</translation>
    </message>
</context>
</TS>
